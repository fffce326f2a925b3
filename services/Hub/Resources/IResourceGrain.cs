using Federation.Contracts;

namespace Federation.Hub.Resources;

/// <summary>
/// One resource of this hub, keyed by its id. The grain is the only writer of its resource, so versions increase
/// by exactly one per change without locks.
/// </summary>
public interface IResourceGrain : IGrainWithGuidKey
{
    Task<ResourceOutcome> CreateDraft(ResourceContent content, string actor);

    Task<ResourceOutcome> Update(ResourceContent content, int? expectedVersion, string actor);

    Task<ResourceOutcome> Publish(int? expectedVersion, string actor);

    Task<ResourceOutcome> Withdraw(string? reason, int? expectedVersion, string actor);

    Task<ResourceSnapshot?> Get();
}
