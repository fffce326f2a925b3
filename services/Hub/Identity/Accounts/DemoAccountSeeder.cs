using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Server;
using IdentityOptions = Federation.Hub.Identity.Server.IdentityOptions;
using Federation.ServiceDefaults.Postgres;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;
using Federation.Hub.Identity.Store;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Creates the demo accounts of DemoData/accounts.json for this hub (staff, a company member, a university
/// researcher) when Identity:SeedDemoAccounts is on, with the configured demo password (so they follow the secrets).
/// </summary>
internal sealed partial class DemoAccountSeeder(
    IServiceScopeFactory scopes,
    NpgsqlDataSource database,
    IOptions<HubOptions> hub,
    IOptions<IdentityOptions> identity,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!identity.Value.SeedDemoAccounts)
        {
            return;
        }

        var hubId = hub.Value.Id;
        var path = new[] { environment.ContentRootPath, AppContext.BaseDirectory }
            .Select(root => Path.Combine(root, "DemoData", "accounts.json"))
            .FirstOrDefault(File.Exists);
        await using var file = path is null ? null : File.OpenRead(path);
        var all = file is null ? null : await JsonSerializer.DeserializeAsync<Dictionary<string, DemoAccounts>>(file, FederationJson.Options, cancellationToken);
        if (all is null || !all.TryGetValue(hubId, out var accounts))
        {
            LogNoAccounts(logger, hubId);
            return;
        }

        await using var exclusive = await AdvisoryLock.AcquireAsync(database, "hub-demo-accounts", cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var keys = (IUserAuthenticatorKeyStore<HubAccount>)scope.ServiceProvider.GetRequiredService<IUserStore<HubAccount>>();
        foreach (var organisation in accounts.Organisations)
        {
            var stored = await context.Organisations.FindAsync([organisation.Id], cancellationToken);
            if (stored is null)
            {
                context.Organisations.Add(stored = new HubOrganisation { Id = organisation.Id });
            }

            stored.Name = organisation.Name;
            stored.Type = organisation.Type;
        }

        await context.SaveChangesAsync(cancellationToken);
        var added = 0;
        foreach (var account in accounts.Members)
        {
            added += await SeedAsync(users, keys, hubId, account) ? 1 : 0;
        }

        LogSeeded(logger, added, accounts.Members.Count);
    }

    /// <summary>Adds the account, or brings an existing one in line (name, organisation, roles, password, second factor); returns whether it was new.</summary>
    private async Task<bool> SeedAsync(UserManager<HubAccount> users, IUserAuthenticatorKeyStore<HubAccount> keys, string hubId, DemoAccount demo)
    {
        var account = await users.FindByNameAsync(demo.Username);
        var isNew = account is null;
        account ??= new HubAccount { Id = StableId(hubId, demo.Username), UserName = demo.Username, CreatedAt = clock.GetUtcNow() };
        account.DisplayName = demo.DisplayName;
        account.Email = demo.Email;
        account.EmailConfirmed = true;
        account.OrganisationId = demo.Organisation;
        var password = identity.Value.DemoPassword!;
        Succeeded(isNew ? await users.CreateAsync(account, password) : await users.UpdateAsync(account), demo.Username);
        if (!isNew && !await users.CheckPasswordAsync(account, password))
        {
            Succeeded(await users.RemovePasswordAsync(account), demo.Username);
            Succeeded(await users.AddPasswordAsync(account, password), demo.Username);
        }

        var held = await users.GetRolesAsync(account);
        Succeeded(await users.RemoveFromRolesAsync(account, held.Except(demo.Roles)), demo.Username);
        Succeeded(await users.AddToRolesAsync(account, demo.Roles.Except(held)), demo.Username);

        // Demo staff get the configured authenticator key, so that the local run's people (and its tests) can compute
        // their codes; without one, they enrol an app of their own at their first sign-in.
        if (demo.Roles.Contains(HubRoles.Staff) && identity.Value.DemoAuthenticatorKey is { Length: > 0 } key
            && (await users.GetAuthenticatorKeyAsync(account) != key || !account.TwoFactorEnabled))
        {
            await keys.SetAuthenticatorKeyAsync(account, key, CancellationToken.None);
            Succeeded(await users.UpdateAsync(account), demo.Username);
            Succeeded(await users.SetTwoFactorEnabledAsync(account, true), demo.Username);
        }

        return isNew;
    }

    private static void Succeeded(IdentityResult result, string username)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo account '{username}' could not be saved: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The same demo person keeps the same id across database resets, so grants given in a demo stay readable.
    private static Guid StableId(string hubId, string username) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"demo-account/{hubId}/{username}"))[..16]);

    [LoggerMessage(LogLevel.Information, "Demo accounts: {Added} of {Total} new, the others brought up to date")]
    private static partial void LogSeeded(ILogger logger, int added, int total);

    [LoggerMessage(LogLevel.Warning, "No demo accounts for hub {HubId} in DemoData/accounts.json")]
    private static partial void LogNoAccounts(ILogger logger, string hubId);

    private sealed record DemoAccounts(IReadOnlyList<Organisation> Organisations, IReadOnlyList<DemoAccount> Members);

    private sealed record DemoAccount(string Username, string DisplayName, string Email, string Organisation, IReadOnlyList<string> Roles);
}
