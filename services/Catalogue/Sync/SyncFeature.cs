using Federation.Catalogue.Ingest;
using Federation.Catalogue.Popularity;
using Federation.Catalogue.Registry;
using Federation.Catalogue.Telemetry;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Telemetry;
using MassTransit;

namespace Federation.Catalogue.Sync;

public static class SyncFeature
{
    public const string QueueName = "catalogue";

    /// <summary>The catalogue's queue with its consumers, the single writer behind them, and the sync monitor.</summary>
    public static WebApplicationBuilder AddSync(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SyncOptions>(SyncOptions.Section);
        builder.Services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        builder.Services.AddSingleton<CatalogueWriter>();
        builder.Services.AddSingleton<ActivityKeeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CatalogueWriter>());
        builder.Services.AddHostedService<SyncMonitor>();
        builder.Services.AddSingleton<CatalogueTelemetry>();
        if (FederationTelemetry.IsEnabled(builder.Configuration))
        {
            builder.Services.AddHostedService<QueueDepthProbe>();
        }

        builder.AddFederationBus(
            QueueName,
            bus =>
            {
                bus.AddConsumer<ResourceEventConsumer>();
                bus.AddConsumer<HubSignalConsumer>();
                bus.AddConsumer<ResourceActivityConsumer>();
            },
            (context, rabbit) => rabbit.ReceiveEndpoint(QueueName, endpoint =>
            {
                endpoint.UseFederationErrorQueues();
                // Consumers only wait for the writer, so many may be in flight: they become one batch.
                endpoint.PrefetchCount = 1_000;
                endpoint.ConcurrentMessageLimit = 1_000;
                endpoint.UseFederationRetry(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(15));
                endpoint.ConfigureConsumer<ResourceEventConsumer>(context);
                endpoint.ConfigureConsumer<HubSignalConsumer>(context);
                // Use reports are not urgent and each takes a connection of its own: a burst of them (a hub's first round,
                // a backlog after a restart) must not take the pool from search and the writer.
                endpoint.ConfigureConsumer<ResourceActivityConsumer>(context, consumer => consumer.UseConcurrentMessageLimit(2));
            }));
        return builder;
    }
}
