using Federation.Hub.People;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// What the hub keeps about people goes when it no longer serves (docs/privacy.md): here the limits that end what
/// would otherwise stay for ever, each checked against a row just inside it that stays.
/// </summary>
public sealed class HousekeepingSpecs : SpecsOnAFresh<HubHost>
{
    [Fact]
    public async Task Undecided_join_requests_mail_never_sent_and_old_removed_sign_ins_are_purged_and_recent_ones_stay()
    {
        var now = DateTimeOffset.UtcNow;
        var (oldRequest, recentRequest) = (Guid.NewGuid(), Guid.NewGuid());
        var (oldMail, recentMail) = (LocalMail.NewAddress("given-up"), LocalMail.NewAddress("still-trying"));
        await ExecuteAsync("""
            INSERT INTO hub_join_requests ("Id", "Name", "Email", "OrganisationName", "OrganisationType", "Motivation", "State",
                                           "ConfirmationTokenHash", "CreatedAt", "ConfirmBefore", "ConfirmedAt")
            VALUES ($1, 'Old Asker', 'old-asker@example.test', 'Ergens', 'other', 'Graag', 'pending', $3, $5 - interval '181 days', $5 - interval '179 days', $5 - interval '180 days'),
                   ($2, 'New Asker', 'new-asker@example.test', 'Ergens', 'other', 'Graag', 'pending', $4, $5 - interval '179 days', $5 - interval '177 days', $5 - interval '178 days');
            """, oldRequest, recentRequest, new string('a', 64), new string('b', 64), now);
        // Not due for another day, so the relay leaves them alone while the spec runs.
        await ExecuteAsync("""
            INSERT INTO hub_mail_outbox (recipient, subject, body, created_at, next_attempt_at, attempts, last_error)
            VALUES ($1, 'Stuck', 'A link that expired long ago', $3 - interval '8 days', $3 + interval '1 day', 40, 'connection refused'),
                   ($2, 'Stuck', 'A link that still works', $3 - interval '6 days', $3 + interval '1 day', 30, 'connection refused');
            """, oldMail, recentMail, now);
        await ExecuteAsync("""
            INSERT INTO hub_removed_logins (provider, subject, removed_at)
            VALUES ('surf', 'removed-long-ago', $1 - interval '731 days'), ('surf', 'removed-last-year', $1 - interval '365 days');
            """, now);

        await Host.Services.GetServices<IHostedService>().OfType<PeopleHousekeeping>().Single().PurgeAsync(CancellationToken.None);

        Assert.Equal(new[] { recentRequest }, await ReadAsync<Guid>("""SELECT "Id" FROM hub_join_requests WHERE "Id" IN ($1, $2)""", oldRequest, recentRequest));
        Assert.Equal(new[] { recentMail }, await ReadAsync<string>("SELECT recipient FROM hub_mail_outbox WHERE recipient IN ($1, $2)", oldMail, recentMail));
        Assert.Equal(new[] { "removed-last-year" }, await ReadAsync<string>("SELECT subject FROM hub_removed_logins WHERE provider = 'surf' AND subject LIKE 'removed-%'"));
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var database = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = Command(database, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<T>> ReadAsync<T>(string sql, params object[] parameters)
    {
        await using var database = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = Command(database, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static NpgsqlCommand Command(NpgsqlDataSource database, string sql, object[] parameters)
    {
        var command = database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return command;
    }
}
