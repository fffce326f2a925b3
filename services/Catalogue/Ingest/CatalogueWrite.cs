using Federation.Contracts;

namespace Federation.Catalogue.Ingest;

/// <summary>Everything that changes the catalogue goes through one writer as one of these.</summary>
public abstract record CatalogueWrite(string HubId);

/// <param name="SignedWithKey">The id of the hub's federation key whose signature on the event was checked.</param>
public sealed record ApplyResourceEvent(IResourceEvent Event, string? SignedWithKey = null) : CatalogueWrite(Event.HubId);

public sealed record ApplyResentPage(ResourcesResent Page, string? SignedWithKey = null) : CatalogueWrite(Page.HubId);

public sealed record RecordHubSignal(
    string HubId, string DisplayName, Uri ApiBaseUrl, long PublishedThrough, int? ResourceCount, string? Digest,
    DateTimeOffset At, bool Announced, Guid FeedId, Uri? Issuer = null) : CatalogueWrite(HubId);

public sealed record RecordResyncRequested(string HubId, Guid RequestId, long After, string Reason, DateTimeOffset At) : CatalogueWrite(HubId);

/// <summary>Count the hub's entries and sum their digest terms afresh, from the stored documents themselves.</summary>
public sealed record AuditHub(string HubId) : CatalogueWrite(HubId);
