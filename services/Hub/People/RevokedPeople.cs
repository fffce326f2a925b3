using System.Globalization;
using System.Security.Claims;
using Dapper;
using Federation.Contracts;
using Federation.Hub.Identity.Server;
using OpenIddict.Abstractions;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.People;

/// <summary>
/// The people whose tokens this hub no longer honours, whatever their expiry says: members it suspended or removed, and
/// members of other hubs whose home hub said so; and the tokens a member received before their roles or password
/// changed. Every API request is checked against an in-memory copy (a dictionary
/// look-up); the process that records a change reads it back at once, the other processes of the hub within a second
/// (<see cref="RevokedPeopleRefresh"/>).
/// </summary>
/// <remarks>
/// Each read takes the whole set of people in force rather than the changes since a counter: transactions commit in
/// any order, so a counter read past can hide a change that commits later with a lower number. The set is small (the
/// people suspended now, and those removed within the last day, not every member) and one query a second costs little.
/// </remarks>
public sealed class RevokedPeople(NpgsqlDataSource database)
{
    public const string Suspended = MemberStandingChanged.Suspended;
    public const string Removed = MemberStandingChanged.Removed;

    /// <summary>
    /// How long a lifted suspension or a removal is kept (<see cref="PeopleHousekeeping"/>), and so how old news of a
    /// member's standing may be and still be applied: older news could otherwise undo what a purged row held back.
    /// </summary>
    public static readonly TimeSpan NewsKeptFor = TimeSpan.FromDays(30);

    private readonly SemaphoreSlim reading = new(1, 1);
    private long readsStarted;

    private volatile IReadOnlyDictionary<(string HomeHub, string Subject), string> revoked = new Dictionary<(string, string), string>();
    private volatile IReadOnlyDictionary<(string HomeHub, string Subject), DateTimeOffset> cutoffs = new Dictionary<(string, string), DateTimeOffset>();
    private volatile bool loaded;

    /// <summary>Whether the set has been read at least once since the process started.</summary>
    public bool Loaded => loaded;

    public bool IsRevoked(string homeHub, string subject) => revoked.Count > 0 && revoked.ContainsKey((homeHub, subject));

    /// <summary>Whether <paramref name="token"/> predates a change to the person's roles or password.</summary>
    public bool IsCutOff(string homeHub, string subject, ClaimsPrincipal token)
    {
        if (cutoffs.Count == 0 || !cutoffs.TryGetValue((homeHub, subject), out var cutoff))
        {
            return false;
        }

        // A token without the precise time (issued before it was added) is judged by its whole-second iat: refused
        // when in doubt, as the person only has to sign in again.
        var issued = long.TryParse(token.GetClaim(HubClaims.IssuedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : token.GetCreationDate();
        return issued is null || issued < cutoff;
    }

    public static Task CutOffTokensAsync(string homeHub, string subject, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub_token_cutoffs (home_hub, subject, issued_before) VALUES (@homeHub, @subject, @now)
            ON CONFLICT (home_hub, subject) DO UPDATE SET issued_before = greatest(hub_token_cutoffs.issued_before, excluded.issued_before)
            """, new { homeHub, subject, now }, work.Transaction, cancellationToken: cancellationToken));

    public static Task RecordAsync(string homeHub, string subject, string standing, string reason, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub_revoked_people (home_hub, subject, standing, reason, since, lifted_at, change)
            VALUES (@homeHub, @subject, @standing, @reason, @now, NULL, nextval('hub_revoked_people_changes'))
            ON CONFLICT (home_hub, subject) DO UPDATE SET standing = excluded.standing, reason = excluded.reason,
                since = excluded.since, lifted_at = NULL, change = excluded.change
            """, new { homeHub, subject, standing, reason, now }, work.Transaction, cancellationToken: cancellationToken));

    public static Task LiftAsync(string homeHub, string subject, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE hub_revoked_people SET lifted_at = @now, change = nextval('hub_revoked_people_changes')
             WHERE home_hub = @homeHub AND subject = @subject AND lifted_at IS NULL
            """, new { homeHub, subject, now }, work.Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Applies what another hub said about one of its own members, unless this hub already holds later news of them
    /// (by the home hub's time of change): true when it changed something. A reinstatement arriving before the suspension
    /// it ends is kept as a lifted row, so that the older suspension, arriving after it, changes nothing.
    /// </summary>
    public static async Task<bool> ApplyFromHomeAsync(MemberStandingChanged change, HubUnitOfWork work, CancellationToken cancellationToken)
    {
        var lifted = change.Standing == MemberStandingChanged.Active;
        return await work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub_revoked_people AS held (home_hub, subject, standing, reason, since, lifted_at, change)
            VALUES (@HubId, @Subject, @standing, @reason, @ChangedAt, @liftedAt, nextval('hub_revoked_people_changes'))
            ON CONFLICT (home_hub, subject) DO UPDATE
               SET standing = CASE WHEN @lifted THEN held.standing ELSE excluded.standing END,
                   reason = CASE WHEN @lifted THEN held.reason ELSE excluded.reason END,
                   since = CASE WHEN @lifted THEN held.since ELSE excluded.since END,
                   lifted_at = excluded.lifted_at, change = excluded.change
             WHERE greatest(held.since, coalesce(held.lifted_at, held.since)) < @ChangedAt
            """, new
        {
            change.HubId, change.Subject, change.ChangedAt, lifted,
            standing = lifted ? Suspended : change.Standing,
            reason = $"{change.Standing} at their home hub {change.HubId}",
            liftedAt = lifted ? change.ChangedAt : (DateTimeOffset?)null,
        }, work.Transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Whether another row for <paramref name="homeHub"/>'s members would pass <paramref name="limit"/>: news of a
    /// member already held only changes their row, but a hub naming ever more people of its own is bounded, so that
    /// no hub can grow what every other hub reads each second without end.
    /// </summary>
    public static Task<bool> WouldPassLimitAsync(string homeHub, string subject, int limit, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT NOT EXISTS (SELECT 1 FROM hub_revoked_people WHERE home_hub = @homeHub AND subject = @subject)
               AND (SELECT count(*) FROM (SELECT 1 FROM hub_revoked_people WHERE home_hub = @homeHub LIMIT @limit) held) >= @limit
            """, new { homeHub, subject, limit }, work.Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Reads the people and cut-offs in force into the in-memory copy, replacing it whole. Callers at the same time
    /// share reads: each waits for one that began after it asked (so it sees what it committed before), and a burst of
    /// news costs a read or two, not one each.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var startedBefore = Interlocked.Read(ref readsStarted);
        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Read(ref readsStarted) > startedBefore)
            {
                // A read began after this call (the gate was held by another then) and has finished: it saw what this
                // caller committed before asking.
                return;
            }

            Interlocked.Increment(ref readsStarted);
            await ReadAsync(cancellationToken);
        }
        finally
        {
            reading.Release();
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        // A removed person's account is gone, so no token of theirs is issued after the removal, and none lives longer
        // than a day (IdentityOptions); a second day covers the clock skew tokens are read with and the clocks of the
        // other hubs: after it there is nothing left to refuse. Suspended people are kept while suspended.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT home_hub, subject, standing FROM hub_revoked_people
             WHERE lifted_at IS NULL AND (standing = 'suspended' OR since > now() - interval '2 days')
            """));
        // A cut-off older than any token this hub issues (with the same margin) has nothing left to refuse.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT home_hub, subject, issued_before FROM hub_token_cutoffs WHERE issued_before > now() - interval '2 days'"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var people = new Dictionary<(string, string), string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            people[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        await reader.NextResultAsync(cancellationToken);
        var tokens = new Dictionary<(string, string), DateTimeOffset>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens[(reader.GetString(0), reader.GetString(1))] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        revoked = people;
        cutoffs = tokens;
        loaded = true;
    }
}
