using System.Net;
using Federation.Clients.Hubs;
using Federation.Testing;
using Federation.Testing.Hosts;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// A hub that connects as the application role (the schema belongs to the owner role): it works as before, and its
/// role can read and add to the audit log but not change, remove or empty it, nor switch off the rules that guard it.
/// Someone holding the hub's own database password cannot rewrite history.
/// </summary>
public sealed class AuditRoleSpecs : SpecsOnAFresh<HubHost>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync() => Host = await HubHost.StartAsync(asApplicationRole: true);

    [Fact]
    public async Task The_hub_works_as_the_application_role_and_its_audit_chain_holds()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var hub = new HubClient(staff);

        var created = await hub.CreateResourceAsync(ResourceJson.Dataset(), Cancellation);
        var verification = await hub.VerifyAuditAsync(at: null, Cancellation).EnsureSuccessAsync();

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.True(verification.Intact, verification.Problem);
        Assert.True(verification.Verified > 0);
    }

    public static TheoryData<string> Rewrites =>
    [
        "UPDATE hub_audit SET actor_name = 'Someone Else'",
        "DELETE FROM hub_audit",
        "TRUNCATE hub_audit",
        "ALTER TABLE hub_audit DISABLE TRIGGER hub_audit_no_change",
        "DROP TRIGGER hub_audit_no_change ON hub_audit",
        "DROP TRIGGER hub_audit_chain ON hub_audit",
        "UPDATE hub_audit_head SET seq = 0",
        "DELETE FROM schema_append_only_tables",
        "CREATE OR REPLACE FUNCTION hub_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    ];

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task The_application_role_cannot_rewrite_the_audit_log(string rewrite)
    {
        using (var staff = await Host.CreateClientAsync("staff"))
        {
            await new HubClient(staff).CreateResourceAsync(ResourceJson.Dataset(), Cancellation);
        }

        await using var connection = new NpgsqlConnection(LocalInfrastructure.ApplicationConnectionString(Host.Database));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(rewrite, connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancellation));

        // 42501: insufficient privilege; 42809-style ownership errors are reported as 42501 too ("must be owner").
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO hub_audit (occurred_at, action, outcome, actor_kind) VALUES (now(), 'spec.append', 'done', 'system')", connection);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync(Cancellation));
    }
}
