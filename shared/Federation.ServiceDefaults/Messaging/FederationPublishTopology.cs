using System.Reflection;
using Federation.Contracts;
using MassTransit;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Where a node's messages go. A hub publishes every message to an exchange of its own, which
/// <see cref="OwnExchangeLinks"/> binds to the shared one: MassTransit declares the exchange it publishes to, and a
/// hub allowed to declare a shared exchange could also delete it (<see cref="BrokerExchanges"/>). Everything else
/// (the catalogue, which declares the shared exchanges it reads from) publishes to the shared exchanges directly.
/// </summary>
public static class FederationPublishTopology
{
    private static readonly MethodInfo PublishThroughOwnMethod =
        typeof(FederationPublishTopology).GetMethod(nameof(PublishThroughOwn), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <param name="hubId">The hub this bus publishes as, or null for a node that is not a hub.</param>
    public static void UseFederationPublishTopology(this IRabbitMqBusFactoryConfigurator rabbit, string? hubId)
    {
        // Consumers bind to the concrete events; an exchange for a shared interface would only collect nothing.
        rabbit.Publish<IResourceEvent>(publish => publish.Exclude = true);
        rabbit.Publish<ISignedMessage>(publish => publish.Exclude = true);
        rabbit.RouteToOneHub<ResyncRequested>(HubQueues.ResyncExchange, request => request.HubId);
        if (hubId is null)
        {
            return;
        }

        // One generic call per kind of hub event, from the one list the permissions and deployments are written from.
        foreach (var type in BrokerExchanges.HubEvents)
        {
            PublishThroughOwnMethod.MakeGenericMethod(type).Invoke(null, [rabbit, hubId]);
        }

        rabbit.RouteToOneHub<DecisionMade>(BrokerExchanges.OwnedBy(hubId, HubQueues.DecisionExchange), decision => decision.RecipientHubId);
        rabbit.RouteToOneHub<MemberStandingChanged>(BrokerExchanges.OwnedBy(hubId, HubQueues.DecisionExchange), change => change.RecipientHubId);
        // Applications for compute go from a hub to one facility, and the facility's decisions back to that one hub.
        rabbit.RouteToOneHub<Contracts.Compute.ComputeApplicationEndorsed>(BrokerExchanges.OwnedBy(hubId, HubQueues.DecisionExchange), application => application.FacilityId);
        rabbit.RouteToOneHub<Contracts.Compute.ComputeApplicationDecided>(BrokerExchanges.OwnedBy(hubId, HubQueues.DecisionExchange), decision => decision.HubId);
        rabbit.RouteToOneHub<Contracts.Compute.AllocationUsageReported>(BrokerExchanges.OwnedBy(hubId, HubQueues.DecisionExchange), usage => usage.HubId);
    }

    private static void PublishThroughOwn<T>(IRabbitMqBusFactoryConfigurator rabbit, string hubId)
        where T : class =>
        rabbit.Message<T>(message => message.SetEntityName(BrokerExchanges.OwnedBy(hubId, BrokerExchanges.Of(typeof(T)))));
}
