using Federation.Hub.Feed;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Hosting;

public static class HubInfoEndpoints
{
    /// <summary>GET / — who this hub is and where its feed stands.</summary>
    public static IEndpointRouteBuilder MapHubInfo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (IOptions<HubOptions> options, HubFeed feed, CancellationToken cancellationToken) =>
        {
            var hub = options.Value;
            var position = await feed.ReadPositionAsync(cancellationToken);
            return TypedResults.Ok(new HubInfo(hub.Id, hub.DisplayName, hub.PublicUrl!, position.FeedId, position.LastSequence, position.PublishedThrough, position.KnownResources, position.Digest));
        }).WithTags("Hub");
        return app;
    }
}

public sealed record HubInfo(string Id, string DisplayName, Uri ApiBaseUrl, Guid FeedId, long LastSequence, long PublishedThrough, int ResourcesKnownToFederation, string? Digest);
