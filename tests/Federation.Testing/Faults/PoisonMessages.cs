using System.Text.Json;

namespace Federation.Testing.Faults;

/// <summary>
/// Messages no hub would send, put into the catalogue's queue: bytes that are not JSON, an event whose snapshot is
/// incomplete, an event whose snapshot names another resource. Each must end in the catalogue's error queue with
/// its reason, and the catalogue must go on with everything else.
/// </summary>
public static class PoisonMessages
{
    public const string ErrorQueue = "catalogue_error";
    private const string Queue = "catalogue";
    private const string Envelope = "application/vnd.masstransit+json";

    public static Task SendAsync(string virtualHost, int index) => (index % 3) switch
    {
        0 => LocalInfrastructure.PublishRawAsync(virtualHost, Queue, "{\"messageType\": [\"urn:message:Federation.Contracts:ResourceChanged\"], \"message\": {\"hubId\": ", Envelope),
        1 => LocalInfrastructure.PublishRawAsync(virtualHost, Queue, Event(Guid.NewGuid(), new { title = "Poison without the rest" }), Envelope),
        _ => LocalInfrastructure.PublishRawAsync(virtualHost, Queue, Event(Guid.NewGuid(), new
        {
            id = Guid.NewGuid(), hubId = "amsterdam", kind = "dataset", state = "published", version = 1, title = "Poison claiming another resource",
        }), Envelope),
    };

    /// <summary>How many messages wait in the error queue, and how many of those carry MassTransit's fault reason.</summary>
    public static async Task<(long Depth, int WithReason, IReadOnlyList<string> Reasons)> ErrorQueueAsync(string virtualHost)
    {
        var depth = await LocalInfrastructure.QueueDepthAsync(virtualHost, ErrorQueue) ?? 0;
        var headers = depth == 0 ? [] : await LocalInfrastructure.PeekHeadersAsync(virtualHost, ErrorQueue, (int)Math.Min(depth, 500));
        var reasons = headers.Select(h => h.GetValueOrDefault("MT-Fault-Message")).OfType<string>().ToList();
        return (depth, reasons.Count, reasons);
    }

    private static string Event(Guid resourceId, object snapshot) => JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { "urn:message:Federation.Contracts:ResourceChanged" },
        message = new
        {
            hubId = "zuid-holland", resourceId, version = 1, sequence = 1, occurredAt = DateTimeOffset.UtcNow,
            resource = snapshot, feedId = Guid.NewGuid(),
        },
    });
}
