using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Hub.Membership;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// The federation's datasets and models an application says it will use: each must be one the catalogue holds,
/// published, a dataset or a model, at the hub the link names (the catalogue's word on that came from the owning hub's
/// signed events). Unlike a model's training links, an unknown resource is refused: an application is decided on them.
/// </summary>
public static class ResourceLinks
{
    public static async Task CheckAsync(IReadOnlyList<ResourceLink> links, CatalogueLookup catalogue, FieldErrors errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            var found = catalogue.Configured ? await catalogue.FindAsync(link.ResourceId, cancellationToken) : null;
            if (found is not { State: ResourceState.Published, Kind: ResourceKind.Dataset or ResourceKind.Model } || found.HubId != link.HubId)
            {
                errors.Fail($"resources[{i}]", $"The catalogue holds no published dataset or model {link.ResourceId} of {link.HubId}.");
            }
        }
    }
}
