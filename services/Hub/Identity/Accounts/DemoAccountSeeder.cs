using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Server;
using Federation.ServiceDefaults.Postgres;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Creates the demo accounts of DemoData/accounts.json for this hub (staff, a company member, a university
/// researcher) when Identity:SeedDemoAccounts is on, with the configured demo password (so they follow the secrets).
/// </summary>
internal sealed partial class DemoAccountSeeder(
    MemberStore members,
    NpgsqlDataSource database,
    IOptions<HubOptions> hub,
    IOptions<IdentityOptions> identity,
    IHostEnvironment environment,
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
        foreach (var organisation in accounts.Organisations)
        {
            await members.SaveOrganisationAsync(organisation, cancellationToken);
        }

        var added = 0;
        foreach (var account in accounts.Members)
        {
            var organisation = accounts.Organisations.Single(o => o.Id == account.Organisation);
            var member = new Member(StableId(hubId, account.Username), account.Username, account.DisplayName, account.Email, organisation, account.Roles, null);
            added += await members.SaveAsync(member, identity.Value.DemoPassword!, cancellationToken) ? 1 : 0;
        }

        LogSeeded(logger, added, accounts.Members.Count);
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
