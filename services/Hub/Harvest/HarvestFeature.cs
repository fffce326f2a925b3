using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Harvest;

public static class HarvestFeature
{
    /// <summary>Scheduled harvesting of the catalogues staff register: sources, runs, records, the scheduler.</summary>
    public static WebApplicationBuilder AddHarvest(this WebApplicationBuilder builder)
    {
        builder.Services.AddPostgresSchema("hub-harvest", EmbeddedSchema.Steps(typeof(HarvestFeature).Assembly, "Harvest"), readinessProbe: "SELECT 1 FROM harvest_runs LIMIT 1");
        builder.Services.AddValidatedOptions<HarvestOptions>(HarvestOptions.Section);
        builder.Services.AddHttpClient(SourceFetcher.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("federation-hub-harvester/1.0"))
            .ConfigurePrimaryHttpMessageHandler(services => SourceAddresses.Handler(services.GetRequiredService<IOptions<HarvestOptions>>().Value.AllowPrivateAddresses));
        builder.Services.AddSingleton<SourceFetcher>();
        builder.Services.AddSingleton<HarvestSourceStore>();
        builder.Services.AddSingleton<HarvestRunStore>();
        builder.Services.AddSingleton<HarvestRecordStore>();
        builder.Services.AddSingleton<HarvestSignal>();
        builder.Services.AddSingleton<SourceTurns>();
        builder.Services.AddSingleton<Harvester>();
        builder.Services.AddHostedService<HarvestScheduler>();
        return builder;
    }
}
