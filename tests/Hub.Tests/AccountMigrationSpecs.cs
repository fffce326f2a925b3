using Federation.Testing;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// A hub that kept its accounts in its own tables before it moved onto ASP.NET Core Identity: at the upgrade its
/// organisations, accounts, roles and passwords carry over, and the old tables go.
/// </summary>
public sealed class AccountMigrationSpecs
{
    [Fact]
    public async Task Accounts_of_the_old_tables_sign_in_with_their_old_password_after_the_upgrade()
    {
        const string password = "the-password-from-before-2026";
        var hash = new PasswordHasher<object>().HashPassword(new object(), password);
        var id = Guid.CreateVersion7();
        await using var host = await HubHost.StartAsync(existingTablesSql: $"""
            CREATE TABLE identity_organisations (id text PRIMARY KEY, name text NOT NULL, type text NOT NULL);
            CREATE TABLE identity_members (
                id uuid PRIMARY KEY, username text NOT NULL UNIQUE, display_name text NOT NULL, email text NOT NULL,
                password_hash text NOT NULL, organisation_id text NOT NULL REFERENCES identity_organisations (id),
                roles text[] NOT NULL, created_at timestamptz NOT NULL, disabled_at timestamptz);
            INSERT INTO identity_organisations VALUES ('fontys', 'Fontys Hogescholen', 'university');
            INSERT INTO identity_members VALUES ('{id}', 'old-timer', 'Old Timer', 'old-timer@fontys.example', '{hash}',
                'fontys', ARRAY['hub-staff', 'member'], now(), NULL);
            """);

        using var browser = host.CreateBrowser();
        // Staff before the upgrade had no second factor: they enrol one at this first sign-in.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => HubSignIn.SignInAsync(browser, "old-timer", password));
        Assert.Contains("Expected a redirect, got 200", refused.Message, StringComparison.Ordinal);
        using var page = await browser.GetAsync("/account/two-factor/enrol");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);

        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(host.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT a."Id", a."DisplayName", a."OrganisationId", o."Type", array_agg(r."Name" ORDER BY r."Name"),
                   to_regclass('identity_members') IS NULL
            FROM hub_accounts a JOIN hub_organisations o ON o."Id" = a."OrganisationId"
            JOIN hub_account_roles ar ON ar."UserId" = a."Id" JOIN hub_roles r ON r."Id" = ar."RoleId"
            WHERE a."UserName" = 'old-timer' GROUP BY a."Id", a."DisplayName", a."OrganisationId", o."Type"
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(id, reader.GetGuid(0));
        Assert.Equal("Old Timer", reader.GetString(1));
        Assert.Equal("fontys", reader.GetString(2));
        Assert.Equal("university", reader.GetString(3));
        Assert.Equal(["hub-staff", "member"], reader.GetFieldValue<string[]>(4));
        Assert.True(reader.GetBoolean(5));
    }

    [Fact]
    public async Task Two_old_accounts_sharing_an_address_stop_the_upgrade_with_what_to_do()
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), "the-password-from-before-2026");
        var start = HubHost.StartAsync(existingTablesSql: $"""
            CREATE TABLE identity_organisations (id text PRIMARY KEY, name text NOT NULL, type text NOT NULL);
            CREATE TABLE identity_members (
                id uuid PRIMARY KEY, username text NOT NULL UNIQUE, display_name text NOT NULL, email text NOT NULL,
                password_hash text NOT NULL, organisation_id text NOT NULL REFERENCES identity_organisations (id),
                roles text[] NOT NULL, created_at timestamptz NOT NULL, disabled_at timestamptz);
            INSERT INTO identity_organisations VALUES ('fontys', 'Fontys Hogescholen', 'university');
            INSERT INTO identity_members VALUES
                ('{Guid.CreateVersion7()}', 'twin-a', 'Twin A', 'twins@fontys.example', '{hash}', 'fontys', ARRAY['member'], now(), NULL),
                ('{Guid.CreateVersion7()}', 'twin-b', 'Twin B', 'Twins@Fontys.example', '{hash}', 'fontys', ARRAY['member'], now(), NULL);
            """);

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await start).DisposeAsync());

        Assert.Contains("belong to more than one account", Flattened(refused), StringComparison.Ordinal);
    }

    private static string Flattened(Exception exception) =>
        exception is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(Flattened)) : exception.Message + (exception.InnerException is { } inner ? " | " + Flattened(inner) : "");
}
