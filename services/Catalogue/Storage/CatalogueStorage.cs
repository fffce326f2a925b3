using Federation.Catalogue.AuditHeads;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.ServiceDefaults.Postgres;
using JasperFx;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Federation.Catalogue.Storage;

public static class CatalogueStorage
{
    /// <summary>
    /// Marten documents for entries and the hub registry, plus the full-text table that search reads, all in the
    /// catalogue's PostgreSQL database and written in one transaction per batch.
    /// </summary>
    public static WebApplicationBuilder AddCatalogueStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Catalogue")
            ?? throw new InvalidOperationException("ConnectionStrings:Catalogue is not configured.");
        // One connection pool for the database: Marten's sessions and the search's own statements draw from the same
        // data source, so the pool size in the connection string is the whole catalogue's budget, not half of it.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddMarten(options =>
            {
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.DisableNpgsqlLogging = true;
                options.Schema.For<CatalogueEntry>().Index(entry => entry.HubId);
                options.Schema.For<HubRecord>().Identity(hub => hub.Id);
                options.Schema.For<KeptAuditHead>().Identity(head => head.Id).Index(head => head.HubId);
                options.Schema.For<StoredMembership.Statements>().Identity(statements => statements.Id);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        builder.Services.AddPostgresSchema("catalogue", SearchSchema.Steps, readinessProbe: "SELECT 1 FROM catalogue_search LIMIT 1",
            atEveryStart: SearchSchema.FormatCheck);
        // After the schema's steps (hosted services start in order): rows of an older tag format are tagged again in place.
        builder.Services.AddHostedService<SearchRowRetagging>();
        return builder;
    }
}
