using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Federation.ServiceDefaults.Postgres;

public static partial class PostgresSchema
{
    /// <summary>
    /// Brings a schema to its newest numbered step at start (<see cref="SchemaMigrator"/>), and checks readiness with a
    /// query against what it created. Several processes starting together take turns on one advisory lock.
    /// <paramref name="atEveryStart"/> is SQL that depends on the code rather than on the schema (such as a check of the
    /// format derived rows were made in); it runs after the steps, in their transaction.
    /// </summary>
    public static IServiceCollection AddPostgresSchema(
        this IServiceCollection services, string name, IReadOnlyList<SchemaMigration> migrations, string readinessProbe, string? atEveryStart = null)
    {
        // Not AddHostedService: it keeps one hosted service per implementation type, and every schema is a SchemaSteps.
        services.AddSingleton<IHostedService>(provider => new SchemaSteps(
            provider.GetService<SchemaOwnership>() ?? new SchemaOwnership(provider.GetRequiredService<NpgsqlDataSource>(), applicationRole: null),
            name, migrations, atEveryStart, provider.GetRequiredService<ILogger<SchemaSteps>>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"{name}-database", provider => new Readiness(provider.GetRequiredService<NpgsqlDataSource>(), name, readinessProbe),
            failureStatus: null, tags: ["ready"]));
        return services;
    }

    private sealed partial class SchemaSteps(
        SchemaOwnership ownership, string name, IReadOnlyList<SchemaMigration> migrations, string? atEveryStart, ILogger<SchemaSteps> logger)
        : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // As the owner; then the application's role gets its rights on what the steps made.
            var applied = await SchemaMigrator.MigrateAsync(ownership.Owner, name, migrations, atEveryStart, cancellationToken);
            await ownership.GrantApplicationRightsAsync(cancellationToken);
            LogApplied(logger, name, migrations[^1].Version, applied.Count);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(LogLevel.Information, "The {Schema} schema is at version {Version} ({Applied} steps applied now)")]
        private static partial void LogApplied(ILogger logger, string schema, int version, int applied);
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
