using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Federation.Catalogue.Storage;

internal sealed class CatalogueDatabaseHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1 FROM catalogue_search LIMIT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or PostgresException)
        {
            return HealthCheckResult.Unhealthy("The catalogue database does not answer.", exception);
        }
    }
}
