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
        // With ConnectionStrings:HubOwner, the schema belongs to that role and the hub's own role may only use it (and
        // only read and add to the audit log); without it, one role does both.
        builder.Services.AddSchemaOwnership(connectionString, builder.Configuration.GetConnectionString("HubOwner"));
        // One row per resource holding its latest snapshot, and hub_feed, where every change the federation must see is
        // written in the same transaction as the state, then relayed to the broker; its bigserial is the hub's sequence.
        builder.Services.AddPostgresSchema("hub", EmbeddedSchema.Steps(typeof(HubDatabase).Assembly, "Hosting"), readinessProbe: "SELECT 1 FROM hub_feed LIMIT 1");
        return builder;
    }

    private static IServiceCollection AddNpgsqlDataSourceFromConnectionString(this IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
}
