using Federation.ServiceDefaults.Postgres;
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
        builder.Services.AddPostgresSchema("hub", HubSchema.Steps, readinessProbe: "SELECT 1 FROM hub_feed LIMIT 1");
        return builder;
    }

    private static IServiceCollection AddNpgsqlDataSourceFromConnectionString(this IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
}
