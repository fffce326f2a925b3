namespace Federation.Contracts.Metadata;

/// <summary>A reference to a resource anywhere in the federation, by the hub that holds it and its id there.</summary>
public sealed record ResourceLink(string HubId, Guid ResourceId);
