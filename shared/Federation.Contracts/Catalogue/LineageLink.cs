namespace Federation.Contracts.Catalogue;

/// <summary>
/// One end of a lineage link as the catalogue resolves it: <c>available</c>, <c>withdrawn</c>, <c>missing</c> (not in the
/// catalogue: never published, or not yet synced), <c>wrong-kind</c> (a training "dataset" that is not one), or
/// <c>elsewhere</c> (it exists, but at another hub than the link names). A broken link is shown, never dropped.
/// </summary>
public sealed record LineageLink(string HubId, Guid ResourceId, string Status, string? Title = null, string? Kind = null);
