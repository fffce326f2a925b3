using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Federation.Hub.Hosting;

internal sealed class HubDatabaseHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or PostgresException)
        {
            return HealthCheckResult.Unhealthy("The hub database does not answer.", exception);
        }
    }
}
