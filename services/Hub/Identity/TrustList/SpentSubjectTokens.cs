using Npgsql;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// Makes a token of another hub good for one exchange at this hub: the first exchange of a token id spends it, every
/// later one is refused. Kept in the hub's database, so that every silo of the hub sees the same spent tokens.
/// Rows past the token's expiry are removed now and then; an expired token is refused by its lifetime anyway.
/// </summary>
public sealed class SpentSubjectTokens(NpgsqlDataSource database)
{
    private const int SweepEvery = 256;
    private int spentSinceSweep;

    /// <summary>True when this is the first time the token is spent here; false when it was exchanged before.</summary>
    public async Task<bool> TrySpendAsync(Uri issuer, string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var spend = database.CreateCommand(
            "INSERT INTO hub_spent_subject_tokens (issuer, token_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        spend.Parameters.AddWithValue(issuer.AbsoluteUri);
        spend.Parameters.AddWithValue(tokenId);
        spend.Parameters.AddWithValue(expiresAt.UtcDateTime);
        var first = await spend.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (Interlocked.Increment(ref spentSinceSweep) % SweepEvery == 0)
        {
            await using var sweep = database.CreateCommand("DELETE FROM hub_spent_subject_tokens WHERE expires_at < now() - interval '5 minutes'");
            await sweep.ExecuteNonQueryAsync(cancellationToken);
        }

        return first;
    }
}
