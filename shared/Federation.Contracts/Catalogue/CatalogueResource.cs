namespace Federation.Contracts.Catalogue;

/// <summary>
/// A resource as the catalogue holds it: the hub's snapshot, the hub's name, where the hub serves it, and which of
/// the hub's federation keys signed this version (checked against the key the federation authority vouched for), and
/// how to cite it.
/// </summary>
public sealed record CatalogueResource(ResourceSnapshot Resource, string HubName, Uri? AtHub, long Sequence, DateTimeOffset AppliedAt, string? SignedWithKey = null)
{
    /// <summary>How much the resource is used, as its hub reports it.</summary>
    public ResourceUse Use { get; init; } = ResourceUse.None;

    /// <summary>The resource's persistent URI and how to cite this version of it.</summary>
    public ResourceCitation? Citation { get; init; }
}
