using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Hosting;

/// <summary>
/// The hub's own spans and counters, exported with the rest when telemetry is configured (ServiceDefaults). Every
/// measurement carries the hub id, so tests that host several hubs in one process still tell them apart.
/// </summary>
public sealed class HubTelemetry
{
    public const string Name = "Federation.Hub";

    /// <summary>Spans of the hub's background work, such as the relay of a feed entry in the trace of its request.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> published;
    private readonly Counter<long> tokens;
    private readonly Counter<long> downloads;
    private readonly KeyValuePair<string, object?> hub;

    public HubTelemetry(IMeterFactory meters, IOptions<HubOptions> options)
    {
        var meter = meters.Create(Name);
        hub = new("federation.hub", options.Value.Id);
        published = meter.CreateCounter<long>("federation.hub.events.published", "{event}", "Resource events the feed relay handed to the broker.");
        tokens = meter.CreateCounter<long>("federation.hub.tokens.issued", "{token}", "Tokens issued by the token endpoint, by grant type.");
        downloads = meter.CreateCounter<long>("federation.hub.downloads", "{download}", "Artifact downloads, served or refused.");
    }

    public void EventsPublished(int count) => published.Add(count, hub);

    public void TokenIssued(string? grantType) => tokens.Add(1, hub, new("grant_type", grantType ?? "unknown"));

    public void Download(bool served) => downloads.Add(1, hub, new("outcome", served ? "served" : "refused"));
}
