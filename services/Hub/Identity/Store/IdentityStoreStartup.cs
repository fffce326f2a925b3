using Federation.ServiceDefaults.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// Brings OpenIddict's tables up to the model with Entity Framework migrations before the hub serves. Several hub
/// processes on one database (a multi-silo hub) start together, so the migration runs under an advisory lock.
/// </summary>
internal sealed partial class IdentityStoreStartup(IServiceScopeFactory scopes, NpgsqlDataSource database, ILogger<IdentityStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var migrating = await AdvisoryLock.AcquireAsync(database, "hub-identity-migrations", cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await context.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, string.Join(", ", pending));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Identity store migrated: {Migrations}")]
    private static partial void LogMigrated(ILogger logger, string migrations);
}
