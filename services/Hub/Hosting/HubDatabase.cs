using Npgsql;

namespace Federation.Hub.Hosting;

public static class HubDatabase
{
    /// <summary>The hub's own PostgreSQL database: resources, and the feed that is both outbox and change log.</summary>
    public static WebApplicationBuilder AddHubDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Hub")
            ?? throw new InvalidOperationException("ConnectionStrings:Hub is not configured.");
        builder.Services.AddNpgsqlDataSourceFromConnectionString(connectionString);
        builder.Services.AddHostedService<HubSchemaMigration>();
        builder.Services.AddHealthChecks().AddCheck<HubDatabaseHealthCheck>("hub-database", tags: ["ready"]);
        return builder;
    }

    private static IServiceCollection AddNpgsqlDataSourceFromConnectionString(this IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
}
