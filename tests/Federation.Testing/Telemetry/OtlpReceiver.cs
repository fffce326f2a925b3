using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Federation.Testing.Telemetry;

/// <summary>A span as an OTLP exporter sent it. Kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
public sealed record ReceivedSpan(
    string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> LinkedTraceIds);

/// <summary>One data point of a metric: its attributes, and its value (sums, gauges) or count (histograms).</summary>
public sealed record ReceivedPoint(IReadOnlyDictionary<string, string> Attributes, double? Value, ulong? Count, IReadOnlyList<double>? Bounds = null);

public sealed record ReceivedMetric(string Service, string Scope, string Name, IReadOnlyList<ReceivedPoint> Points);

/// <summary>
/// An OTLP/HTTP (protobuf) collector for tests: the services export to it with their real OpenTelemetry exporter,
/// exactly as they would to an OpenTelemetry Collector, and the test reads what arrived.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();
    private readonly ConcurrentQueue<ReceivedMetric> metrics = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly Task loop;

    public OtlpReceiver()
    {
        var port = FreePorts.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        loop = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Settings that make a service export here: the standard OTEL_* variables, with short export delays.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public IReadOnlyList<ReceivedSpan> Spans => spans.ToArray();

    public IReadOnlyList<ReceivedMetric> Metrics => metrics.ToArray();

    /// <summary>Exports that could not be read; a test that finds nothing can say why.</summary>
    public IReadOnlyList<string> Errors => errors.ToArray();

    /// <summary>Polls what arrived until <paramref name="found"/> gives an answer, or fails after the timeout.</summary>
    public async Task<T> WaitForAsync<T>(Func<OtlpReceiver, T?> found, string what, int seconds = 30)
        where T : class =>
        (await Eventually.Until(() => Task.FromResult(found(this)), answer => answer is not null, TimeSpan.FromSeconds(seconds),
            what))!;

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var message = new ArraySegment<byte>(body.ToArray());
            try
            {
                switch (context.Request.Url?.AbsolutePath)
                {
                    case "/v1/traces":
                        ReadTraces(message);
                        break;
                    case "/v1/metrics":
                        ReadMetrics(message);
                        break;
                }

                // An empty Export…ServiceResponse: everything accepted.
                context.Response.StatusCode = 200;
            }
            catch (Exception exception) when (exception is InvalidDataException or ArgumentException or InvalidOperationException or OverflowException)
            {
                // One export the receiver cannot read must not end the loop and leave later tests only timing out.
                errors.Enqueue($"{context.Request.Url?.AbsolutePath}: {exception.Message}");
                context.Response.StatusCode = 400;
            }

            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest: resource_spans = 1 { resource = 1, scope_spans = 2 { scope = 1, spans = 2 } }
    private void ReadTraces(ArraySegment<byte> request)
    {
        foreach (var resourceSpans in Children(request, 1))
        {
            var service = ServiceOf(resourceSpans);
            foreach (var scopeSpans in Children(resourceSpans, 2))
            {
                var scope = ScopeOf(scopeSpans);
                foreach (var span in Children(scopeSpans, 2))
                {
                    var fields = ProtoFields.Read(span).ToList();
                    spans.Enqueue(new ReceivedSpan(
                        service, scope,
                        TraceId: fields.First(f => f.Number == 1).Hex,
                        SpanId: fields.First(f => f.Number == 2).Hex,
                        ParentSpanId: fields.FirstOrDefault(f => f.Number == 4).Bytes is { Count: > 0 } parent ? Convert.ToHexStringLower(parent) : "",
                        Name: fields.First(f => f.Number == 5).Text,
                        Kind: (int)fields.FirstOrDefault(f => f.Number == 6).Value,
                        Attributes: Attributes(fields.Where(f => f.Number == 9)),
                        LinkedTraceIds: fields.Where(f => f.Number == 13).Select(link => ProtoFields.Read(link.Bytes).First(f => f.Number == 1).Hex).ToList()));
                }
            }
        }
    }

    // ExportMetricsServiceRequest: resource_metrics = 1 { resource = 1, scope_metrics = 2 { scope = 1, metrics = 2 } };
    // Metric: name = 1, gauge = 5, sum = 7, histogram = 9, each with data_points = 1.
    private void ReadMetrics(ArraySegment<byte> request)
    {
        foreach (var resourceMetrics in Children(request, 1))
        {
            var service = ServiceOf(resourceMetrics);
            foreach (var scopeMetrics in Children(resourceMetrics, 2))
            {
                var scope = ScopeOf(scopeMetrics);
                foreach (var metric in Children(scopeMetrics, 2))
                {
                    var fields = ProtoFields.Read(metric).ToList();
                    var points = new List<ReceivedPoint>();
                    foreach (var data in fields.Where(f => f.Number is 5 or 7 or 9))
                    {
                        points.AddRange(Children(data.Bytes, 1).Select(point => data.Number == 9 ? HistogramPoint(point) : NumberPoint(point)));
                    }

                    metrics.Enqueue(new ReceivedMetric(service, scope, fields.First(f => f.Number == 1).Text, points));
                }
            }
        }
    }

    // NumberDataPoint: as_double = 4, as_int = 6 (both fixed 64-bit), attributes = 7.
    private static ReceivedPoint NumberPoint(ArraySegment<byte> point)
    {
        var fields = ProtoFields.Read(point).ToList();
        double? value = fields.FirstOrDefault(f => f.Number == 4) is { Number: 4 } asDouble ? asDouble.Double
            : fields.FirstOrDefault(f => f.Number == 6) is { Number: 6 } asInt ? unchecked((long)asInt.Value) : null;
        return new ReceivedPoint(Attributes(fields.Where(f => f.Number == 7)), value, null);
    }

    // HistogramDataPoint: count = 4, explicit_bounds = 7 (packed doubles), attributes = 9.
    private static ReceivedPoint HistogramPoint(ArraySegment<byte> point)
    {
        var fields = ProtoFields.Read(point).ToList();
        var bounds = fields.Where(f => f.Number == 7).SelectMany(f => Enumerable.Range(0, f.Bytes.Count / 8)
            .Select(i => BitConverter.ToDouble(f.Bytes.AsSpan(i * 8, 8)))).ToList();
        return new ReceivedPoint(Attributes(fields.Where(f => f.Number == 9)), null, fields.FirstOrDefault(f => f.Number == 4).Value, bounds);
    }

    private static IEnumerable<ArraySegment<byte>> Children(ArraySegment<byte> message, int number) =>
        ProtoFields.Read(message).Where(f => f.Number == number).Select(f => f.Bytes);

    // Resource: attributes = 1; the service.name attribute names the service.
    private static string ServiceOf(ArraySegment<byte> resourceContainer) =>
        Children(resourceContainer, 1).Select(resource => Attributes(ProtoFields.Read(resource).Where(f => f.Number == 1)))
            .Select(attributes => attributes.GetValueOrDefault("service.name", "")).FirstOrDefault("");

    // InstrumentationScope: name = 1.
    private static string ScopeOf(ArraySegment<byte> scopeContainer) =>
        Children(scopeContainer, 1).Select(scope => ProtoFields.Read(scope).FirstOrDefault(f => f.Number == 1).Text).FirstOrDefault("");

    // KeyValue: key = 1, value = 2 (AnyValue: string = 1, bool = 2, int = 3, double = 4).
    private static Dictionary<string, string> Attributes(IEnumerable<ProtoField> keyValues)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in keyValues)
        {
            var fields = ProtoFields.Read(keyValue.Bytes).ToList();
            var value = fields.FirstOrDefault(f => f.Number == 2) is { Number: 2 } any ? ProtoFields.Read(any.Bytes).FirstOrDefault() : default;
            attributes[fields.First(f => f.Number == 1).Text] = value.Number switch
            {
                1 => value.Text,
                2 => (value.Value != 0).ToString(CultureInfo.InvariantCulture),
                3 => unchecked((long)value.Value).ToString(CultureInfo.InvariantCulture),
                4 => value.Double.ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
        }

        return attributes;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
