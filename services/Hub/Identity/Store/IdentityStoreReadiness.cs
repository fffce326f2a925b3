using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Federation.Hub.Identity.Store;

/// <summary>Ready once the identity tables answer: before that, no one could sign in or exchange a token.</summary>
internal sealed class IdentityStoreReadiness(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1 FROM openiddict_applications LIMIT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy("The identity store does not answer.", exception);
        }
    }
}
