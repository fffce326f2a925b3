namespace Federation.Contracts.Catalogue;

/// <summary>A resource as the catalogue holds it: the hub's snapshot, the hub's name, and where the hub serves it.</summary>
public sealed record CatalogueResource(ResourceSnapshot Resource, string HubName, Uri? AtHub, long Sequence, DateTimeOffset AppliedAt);
