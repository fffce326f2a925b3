namespace Federation.Contracts.Catalogue;

/// <summary>How one hub (or compute facility) stands in the catalogue, as the registry shows it.</summary>
public sealed record HubStatus(
    string Id,
    string DisplayName,
    Uri? ApiBaseUrl,
    long LastSequenceApplied,
    long LastSequenceReported,
    long Lag,
    DateTimeOffset? LastEventAt,
    DateTimeOffset? LastHeartbeatAt,
    int ResourceCount,
    bool InSync,
    string Status,
    bool? DigestMatches,
    int ResyncsRequested,
    string? ResyncInProgress)
{
    /// <summary>What the federation authority admitted it as: <c>hub</c> or <c>facility</c>.</summary>
    public string Kind { get; init; } = "hub";
}
