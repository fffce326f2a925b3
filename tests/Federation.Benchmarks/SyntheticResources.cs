using Federation.Contracts;

namespace Federation.Benchmarks;

/// <summary>Believable resource events of a few synthetic hubs, with realistic text lengths for the full-text index.</summary>
internal static class SyntheticResources
{
    private static readonly string[] Words =
    [
        "energie", "wind", "waterstof", "landbouw", "mobiliteit", "verkeer", "gezondheid", "ziekenhuis", "chemie", "materialen",
        "lithografie", "sensor", "trillingen", "onderhoud", "robotica", "voedsel", "klimaat", "water", "haven", "logistiek",
        "energy", "hydrogen", "agriculture", "traffic", "health", "hospital", "chemistry", "vibration", "maintenance", "robotics",
        "food", "climate", "port", "logistics", "model", "dataset", "forecast", "imaging", "language", "speech",
    ];

    private static readonly Guid[] FeedIds = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToArray();

    public static string HubId(int index) => $"bench-{index + 1}";

    /// <summary>
    /// Event <paramref name="n"/> of <paramref name="hubs"/> synthetic hubs, each with contiguous sequences from its
    /// entry in <paramref name="firstSequences"/> (a second run continues where the first ended, as a hub's feed does).
    /// </summary>
    public static ResourcePublished Event(int n, int hubs, Guid[] ids, IReadOnlyList<long>? firstSequences = null)
    {
        var hubIndex = n % hubs;
        var sequence = n / hubs + (firstSequences?[hubIndex] ?? 1);
        var random = new Random(n);
        string Pick() => Words[random.Next(Words.Length)];
        var now = DateTimeOffset.UtcNow;
        var snapshot = new ResourceSnapshot(
            ids[n], HubId(hubIndex), (ResourceKind)(n % 3), ResourceState.Published, 2,
            $"{Pick()} {Pick()} dataset {n}",
            $"Synthetic resource {n} about {Pick()} and {Pick()}, used to measure how fast the catalogue ingests.",
            string.Join(' ', Enumerable.Range(0, 60).Select(_ => Pick())),
            [Pick(), Pick(), Pick()], ["TECH"], "CC-BY-4.0", AccessPolicy.Open, "Benchmark Institute",
            "bench@hub.example", "en", now, now, now, null, null);
        return new ResourcePublished(snapshot.HubId, snapshot.Id, snapshot.Version, sequence, now, snapshot, FeedIds[hubIndex]);
    }
}
