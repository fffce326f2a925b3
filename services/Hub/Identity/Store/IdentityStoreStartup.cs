using Federation.ServiceDefaults.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// Brings OpenIddict's tables up to the model with Entity Framework migrations before the hub serves. Several hub
/// processes on one database (a multi-silo hub) start together, so the migration runs under an advisory lock. Like the
/// schema steps, it runs as the schema's owner when there is one, and the hub's role then gets its rights.
/// </summary>
internal sealed partial class IdentityStoreStartup(SchemaOwnership ownership, ILogger<IdentityStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var migrating = await AdvisoryLock.AcquireAsync(ownership.Owner, "hub-identity-migrations", cancellationToken);
        await using var context = new IdentityDbContext(new DbContextOptionsBuilder<IdentityDbContext>().UseNpgsql(ownership.Owner).Options);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await context.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, string.Join(", ", pending));
        }

        await ownership.GrantApplicationRightsAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Identity store migrated: {Migrations}")]
    private static partial void LogMigrated(ILogger logger, string migrations);
}
