using System.Text.Json;
using Federation.Testing;
using Federation.Testing.Telemetry;

namespace Federation.IntegrationTests;

/// <summary>
/// The hub and the catalogue export OpenTelemetry over OTLP to a collector (here the tests' receiver, reading the
/// protobuf the real exporter sends). One publish is one trace, from the hub's API through the grain, the relay and
/// the broker to the catalogue's database commit; the federation's metrics arrive beside it, and the hub's JSON
/// log lines carry the same trace id.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class TelemetrySpecs : IAsyncLifetime
{
    private const string HubId = "brainport";
    private const int Server = 2, Producer = 4, Consumer = 5;
    private readonly OtlpReceiver collector = new();
    private LocalFederation federation = null!;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync(
        "otel",
        catalogueSettings: new Dictionary<string, string>(collector.Settings),
        hubSettings: new Dictionary<string, string>(collector.Settings) { ["Serilog__Json"] = "true" },
        hubs: [HubId]);

    public async ValueTask DisposeAsync()
    {
        await federation.DisposeAsync();
        await collector.DisposeAsync();
    }

    [Fact]
    public async Task One_publish_is_one_trace_from_the_hubs_api_to_the_catalogues_commit()
    {
        var hub = federation.Hubs[HubId];
        var word = FederationClient.Unique("spoor");
        var published = await hub.PublishNewAsync($"Traced {word}");
        await federation.Catalogue.WaitForSearchAsync($"q={word}", result => result.Total == 1, "the traced resource in the catalogue");

        var relay = await collector.WaitForAsync(
            received => received.Spans.FirstOrDefault(span => span.Name == "feed relay" && span.Attributes.GetValueOrDefault("federation.resource.id") == published.Id.ToString()),
            "the relay span of the publish");
        var trace = await collector.WaitForAsync(
            received => received.Spans.Where(span => span.TraceId == relay.TraceId).ToList() is var spans
                && spans.Any(span => span.Service == "catalogue" && span.Name == "catalogue commit")
                && spans.Any(span => span.Service == "catalogue" && span.Scope == "Npgsql") ? spans : null,
            "the catalogue's commit in the publish's trace");

        var hubService = $"hub-{HubId}";
        var request = Assert.Single(trace, span => span.Service == hubService && span.Kind == Server && span.Name.Contains("publish", StringComparison.Ordinal));
        Assert.Equal("", request.ParentSpanId);
        Assert.Contains(trace, span => span.Service == hubService && span.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        var send = Assert.Single(trace, span => span.Service == hubService && span.Scope == "MassTransit" && span.Kind == Producer);
        Assert.Equal(relay.SpanId, send.ParentSpanId);
        // MassTransit's receive (and consume) spans in the catalogue continue the hub's send.
        Assert.Contains(trace, span => span.Service == "catalogue" && span.Scope == "MassTransit" && span.Kind == Consumer && span.ParentSpanId == send.SpanId);
        var commit = Assert.Single(trace, span => span.Service == "catalogue" && span.Name == "catalogue commit");
        Assert.Contains(trace, span => span.Service == "catalogue" && span.Scope == "MassTransit" && span.SpanId == commit.ParentSpanId);
        Assert.Contains(trace, span => span.Service == "catalogue" && span.Scope == "Npgsql" && span.ParentSpanId == commit.SpanId);
        // Every span of the trace hangs on another span of it: nothing in between was lost.
        var ids = trace.Select(span => span.SpanId).ToHashSet();
        Assert.All(trace.Where(span => span != request), span => Assert.Contains(span.ParentSpanId, ids));

        var logged = (await hub.ReadLogAsync()).Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Contains(logged, line => line.TryGetProperty("@tr", out var traceId) && traceId.GetString() == relay.TraceId
            && line.TryGetProperty("Change", out var change) && change.GetString() == "published"
            && line.GetProperty("ResourceId").GetString() == published.Id.ToString());
    }

    [Fact]
    public async Task The_federations_metrics_reach_the_collector()
    {
        var hub = federation.Hubs[HubId];
        var word = FederationClient.Unique("meting");
        await hub.PublishNewAsync($"Measured {word}");
        await federation.Catalogue.WaitForSearchAsync($"q={word}", result => result.Total == 1, "the measured resource in the catalogue");

        await Reported($"hub-{HubId}", "federation.hub.events.published", point => point.Value >= 1);
        await Reported($"hub-{HubId}", "federation.hub.tokens.issued", point => point.Value >= 1 && point.Attributes["grant_type"] == "client_credentials");
        await Reported("catalogue", "federation.catalogue.events.applied", point => point.Value >= 1 && point.Attributes["federation.hub"] == HubId);
        await Reported("catalogue", "federation.catalogue.hub.lag", point => point.Value == 0 && point.Attributes["federation.hub"] == HubId);
        await Reported("catalogue", "federation.catalogue.queue.depth", point => point.Value >= 0 && point.Attributes["queue"] == "catalogue");
        // In seconds, with buckets for seconds: the SDK's defaults (for milliseconds) would put every search in the first.
        await Reported("catalogue", "federation.catalogue.search.duration", point => point.Count >= 1 && point.Bounds is [0.005, ..]);
    }

    private Task<ReceivedMetric> Reported(string service, string name, Func<ReceivedPoint, bool> expected) =>
        collector.WaitForAsync(
            received => received.Metrics.LastOrDefault(metric => metric.Service == service && metric.Name == name && metric.Points.Any(expected)),
            $"{name} from {service}");
}
