using System.Collections.Concurrent;
using Dapper;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.People;

/// <summary>
/// The people whose tokens this hub no longer honours, whatever their expiry says: members it suspended or removed.
/// Every API request is checked against an in-memory copy (a dictionary look-up); the process that records a change
/// reads it back at once, the other processes of the hub within a second (<see cref="RevokedPeopleRefresh"/>).
/// </summary>
public sealed class RevokedPeople(NpgsqlDataSource database)
{
    public const string Suspended = "suspended";
    public const string Removed = "removed";

    private readonly ConcurrentDictionary<(string HomeHub, string Subject), string> revoked = new();
    private readonly SemaphoreSlim reading = new(1, 1);
    private long seen;

    public bool IsRevoked(string homeHub, string subject) => !revoked.IsEmpty && revoked.ContainsKey((homeHub, subject));

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

    /// <summary>Reads the changes since the last read into the in-memory copy.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await reading.WaitAsync(cancellationToken);
        try
        {
            await using var command = database.CreateCommand(
                "SELECT home_hub, subject, standing, lifted_at IS NOT NULL, change FROM hub_revoked_people WHERE change > $1 ORDER BY change");
            command.Parameters.AddWithValue(seen);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var person = (reader.GetString(0), reader.GetString(1));
                if (reader.GetBoolean(3))
                {
                    revoked.TryRemove(person, out _);
                }
                else
                {
                    revoked[person] = reader.GetString(2);
                }

                seen = reader.GetInt64(4);
            }
        }
        finally
        {
            reading.Release();
        }
    }
}
