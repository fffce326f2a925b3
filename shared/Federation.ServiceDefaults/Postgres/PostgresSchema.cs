using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.ServiceDefaults.Postgres;

public static partial class PostgresSchema
{
    /// <summary>
    /// Applies an idempotent DDL script at start, in one transaction, under an advisory lock so that several
    /// processes starting together do not race; and checks readiness with a query against what it created.
    /// </summary>
    public static IServiceCollection AddPostgresSchema(this IServiceCollection services, string name, string script, string readinessProbe)
    {
        // Not AddHostedService: it keeps one hosted service per implementation type, and every schema is a SchemaScript.
        services.AddSingleton<IHostedService>(provider => new SchemaScript(
            provider.GetRequiredService<NpgsqlDataSource>(), name, script, provider.GetRequiredService<ILogger<SchemaScript>>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"{name}-database", provider => new Readiness(provider.GetRequiredService<NpgsqlDataSource>(), name, readinessProbe),
            failureStatus: null, tags: ["ready"]));
        return services;
    }

    private sealed partial class SchemaScript(NpgsqlDataSource database, string name, string script, ILogger<SchemaScript> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction))
            {
                command.Parameters.AddWithValue(name);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var command = new NpgsqlCommand(script, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, name);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(LogLevel.Information, "The {Schema} schema is in place")]
        private static partial void LogApplied(ILogger logger, string schema);
    }

    private sealed class Readiness(NpgsqlDataSource database, string name, string probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = database.CreateCommand(probe);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException exception)
            {
                return HealthCheckResult.Unhealthy($"The {name} database does not answer.", exception);
            }
        }
    }
}
