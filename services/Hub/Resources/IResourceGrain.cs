using Federation.Hub.Audit;
using Federation.Contracts;

namespace Federation.Hub.Resources;

/// <summary>
/// One resource of this hub, keyed by its id. The grain is the only writer of its resource, so versions increase
/// by exactly one per change without locks.
/// </summary>
public interface IResourceGrain : IGrainWithGuidKey
{
    Task<ResourceOutcome> CreateDraft(ResourceContent content, AuditActor actor);

    Task<ResourceOutcome> Update(ResourceContent content, int? expectedVersion, AuditActor actor);

    Task<ResourceOutcome> Publish(int? expectedVersion, AuditActor actor);

    Task<ResourceOutcome> Withdraw(string? reason, int? expectedVersion, AuditActor actor);

    Task<ResourceSnapshot?> Get();
}
