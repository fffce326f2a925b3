using Federation.Hub.Compute.Applications;
using Federation.Hub.Compute.Decisions;
using Federation.Hub.Feed;
using Federation.Hub.Hosting;
using Federation.Hub.Notifications;
using Federation.Hub.People;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;
using MassTransit;

namespace Federation.Hub.Sync;

public static class SyncFeature
{
    /// <summary>The feed relay, heartbeats, and the hub's own queue on which the catalogue asks for resyncs.</summary>
    public static WebApplicationBuilder AddSync(this WebApplicationBuilder builder)
    {
        var hubId = builder.Configuration["Hub:Id"];
        builder.Services.AddSingleton<FeedSignal>();
        builder.Services.AddSingleton<HubFeed>();
        builder.Services.AddSingleton<IFeedPublisher, BrokerFeedPublisher>();
        builder.Services.AddHostedService<FeedRelay>();
        builder.Services.AddHostedService<HeartbeatService>();
        builder.Services.AddHostedService<ActivityReporter>();
        builder.AddFederationBus(
            HubQueues.For(hubId!),
            bus =>
            {
                bus.AddConsumer<ResyncRequestedConsumer>();
                bus.AddConsumer<DecisionMadeConsumer>();
                bus.AddConsumer<MemberStandingChangedConsumer>();
                bus.AddConsumer<ApplicationEndorsedConsumer>();
                bus.AddConsumer<ApplicationDecidedConsumer>();
                bus.AddConsumer<AllocationUsageConsumer>();
            },
            (context, rabbit) => rabbit.ReceiveEndpoint(HubQueues.For(hubId!), endpoint =>
            {
                // Bound to the one-hub exchanges by OwnExchangeLinks, for this hub's routing key alone: what is addressed
                // to another hub never reaches this queue, and the broker's topic permissions refuse any other binding.
                endpoint.ConfigureConsumeTopology = false;
                endpoint.UseFederationErrorQueues();
                endpoint.PrefetchCount = 4;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.UseFederationRetry(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
                endpoint.ConfigureConsumer<ResyncRequestedConsumer>(context);
                // Decisions of other hubs about this hub's members arrive on the same queue: everything addressed to this hub does.
                endpoint.ConfigureConsumer<DecisionMadeConsumer>(context);
                // So does news of other hubs' members' standing, sent to each hub of the federation in turn.
                endpoint.ConfigureConsumer<MemberStandingChangedConsumer>(context);
                // And applications for compute (at a facility) and facilities' decisions on them (at a hub).
                endpoint.ConfigureConsumer<ApplicationEndorsedConsumer>(context);
                endpoint.ConfigureConsumer<ApplicationDecidedConsumer>(context);
                endpoint.ConfigureConsumer<AllocationUsageConsumer>(context);
            }),
            hubId);
        return builder;
    }
}
