using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Federation.Contracts.Hub;
using Npgsql;

namespace Federation.Hub.Audit;

/// <summary>
/// Checks the audit log's hash chain (extended by the database on every insert, see Schema/0002-hash-chain.sql):
/// records numbered 1, 2, 3 … without a gap, each naming the hash of the one before, each hash being SHA-256 over that
/// and the record's canonical form, and the head row agreeing with the last record. The canonical form is rebuilt here
/// from the columns, not asked of the database, so a check does not trust any function an intruder could replace.
/// </summary>
public sealed class AuditChain(NpgsqlDataSource database)
{
    public static readonly byte[] Genesis = new byte[32];

    /// <param name="at">Places in the chain whose hash to report (<see cref="AuditVerification.Checkpoints"/>), as far as the chain holds.</param>
    public async Task<AuditVerification> VerifyAsync(IReadOnlyCollection<long>? at, CancellationToken cancellationToken)
    {
        var wanted = at?.ToHashSet() ?? [];
        var found = new Dictionary<long, string> { [0] = Convert.ToHexStringLower(Genesis) };
        var verification = await WalkAsync(wanted, found, cancellationToken);
        return at is null ? verification
            : verification with { Checkpoints = [.. wanted.Order().Select(seq => new AuditCheckpoint(seq, found.GetValueOrDefault(seq)))] };
    }

    /// <summary>The chain's head now: how many records it holds and the last one's hash (hex), as a heartbeat publishes it.</summary>
    public async Task<(long Records, string Hash)> HeadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT seq, hash FROM hub_audit_head");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1)))
            : (0, Convert.ToHexStringLower(Genesis));
    }

    private async Task<AuditVerification> WalkAsync(HashSet<long> wanted, Dictionary<long, string> found, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One snapshot for the records and the head, so records appended during the check do not count as a mismatch.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT chain_seq, prev_hash, hash, occurred_at, action, outcome, actor_kind, actor_sub, actor_hub, actor_name,
                   resource_id, target, status, details::text, trace_id
              FROM hub_audit ORDER BY chain_seq
            """, connection, transaction);
        var previous = Genesis;
        long expected = 1;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var seq = reader.GetInt64(0);
                var prevHash = reader.GetFieldValue<byte[]>(1);
                var hash = reader.GetFieldValue<byte[]>(2);
                if (seq != expected)
                {
                    return Broken(expected - 1, previous, expected, seq < expected ? $"record {seq} appears twice." : $"records {expected} to {seq - 1} are missing.");
                }

                if (!prevHash.AsSpan().SequenceEqual(previous))
                {
                    return Broken(expected - 1, previous, seq, $"record {seq} does not name the hash of record {seq - 1}.");
                }

                var computed = SHA256.HashData([.. previous, .. Canonical(reader)]);
                if (!computed.AsSpan().SequenceEqual(hash))
                {
                    return Broken(expected - 1, previous, seq, $"record {seq} was changed after it was written: its content does not give its hash.");
                }

                previous = hash;
                if (wanted.Contains(seq))
                {
                    found[seq] = Convert.ToHexStringLower(hash);
                }

                expected++;
            }
        }

        var verified = expected - 1;
        await using var head = new NpgsqlCommand("SELECT seq, hash FROM hub_audit_head", connection, transaction);
        await using var headReader = await head.ExecuteReaderAsync(cancellationToken);
        if (!await headReader.ReadAsync(cancellationToken) || headReader.GetInt64(0) != verified || !headReader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(previous))
        {
            return Broken(verified, previous, verified + 1, "the chain's head does not match its last record: records were removed from the end.");
        }

        return new AuditVerification(true, verified, verified, Convert.ToHexStringLower(previous), null, null);
    }

    /// <summary>The canonical form of the record at the reader (columns 0 and 3 to 14), byte for byte as the database builds it.</summary>
    private static byte[] Canonical(NpgsqlDataReader reader)
    {
        var text = new StringBuilder();
        Field(text, reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
        Field(text, ((reader.GetFieldValue<DateTimeOffset>(3).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture));
        for (var column = 4; column <= 9; column++)
        {
            Field(text, reader.IsDBNull(column) ? null : reader.GetString(column));
        }

        Field(text, reader.IsDBNull(10) ? null : reader.GetGuid(10).ToString("D"));
        Field(text, reader.IsDBNull(11) ? null : reader.GetString(11));
        Field(text, reader.IsDBNull(12) ? null : reader.GetInt32(12).ToString(CultureInfo.InvariantCulture));
        Field(text, reader.IsDBNull(13) ? null : reader.GetString(13));
        Field(text, reader.IsDBNull(14) ? null : reader.GetString(14));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Field(StringBuilder text, string? value) =>
        text.Append(value is null ? "~;" : $"{Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)}:{value};");

    private static AuditVerification Broken(long verified, byte[] lastGood, long at, string problem) =>
        new(false, verified, verified, Convert.ToHexStringLower(lastGood), at, problem);
}
