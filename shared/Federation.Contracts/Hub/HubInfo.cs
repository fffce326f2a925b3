namespace Federation.Contracts.Hub;

/// <summary>GET / of a hub (or facility): who it is, where its feed stands, and how many silos serve it.</summary>
public sealed record HubInfo(
    string Id, string DisplayName, Uri ApiBaseUrl, Guid FeedId, long LastSequence, long PublishedThrough, int ResourcesKnownToFederation,
    string? Digest, int ActiveSilos)
{
    /// <summary><c>hub</c> or <c>facility</c>.</summary>
    public string Kind { get; init; } = "hub";
}
