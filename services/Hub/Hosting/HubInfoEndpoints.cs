using Federation.Contracts.Hub;
using Federation.Hub.Feed;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Hosting;

public static class HubInfoEndpoints
{
    /// <summary>GET / — who this hub is, where its feed stands, and how many silos serve it.</summary>
    public static IEndpointRouteBuilder MapHubInfo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (IOptions<HubOptions> options, HubFeed feed, IClusterMembershipService cluster, CancellationToken cancellationToken) =>
        {
            var hub = options.Value;
            var position = await feed.ReadPositionAsync(cancellationToken);
            return TypedResults.Ok(new HubInfo(hub.Id, hub.DisplayName, hub.PublicUrl!, position.FeedId, position.LastSequence, position.PublishedThrough, position.KnownResources, position.Digest,
                // How many silos serve this hub now: operators and the multi-silo tests watch it; addresses stay inside.
                cluster.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active)) { Kind = hub.Kind });
        }).WithTags("Hub");
        return app;
    }
}
