using Federation.Hub.Audit;
using Federation.Contracts;
using Federation.Hub.Feed;
using Federation.Hub.Hosting;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Resources;

/// <summary>
/// Holds one resource in memory and is its only writer. Each command computes the next snapshot, persists it (with
/// its feed entry when the federation must hear of it) and only then adopts it, so a failed write changes nothing.
/// </summary>
public sealed partial class ResourceGrain(
    ResourceStore store,
    FeedSignal feedSignal,
    TimeProvider clock,
    IOptions<HubOptions> hub,
    ILogger<ResourceGrain> logger) : Grain, IResourceGrain
{
    private ResourceSnapshot? current;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        current = await store.FindAsync(Id, cancellationToken);

    public Task<ResourceSnapshot?> Get() => Task.FromResult(current);

    public async Task<ResourceOutcome> CreateDraft(ResourceContent content, AuditActor actor)
    {
        if (current is not null)
        {
            return ResourceOutcome.Conflict(current, $"Resource {Id} already exists.");
        }

        var draft = content.NewDraft(Id, hub.Value.Id, clock.GetUtcNow());
        if (!await store.InsertDraftAsync(draft, actor))
        {
            current = await store.FindAsync(Id);
            return ResourceOutcome.Conflict(current, $"Resource {Id} already exists.");
        }

        current = draft;
        LogChanged(logger, draft.Kind, Id, draft.Version, "created as draft", actor.Describe());
        return ResourceOutcome.Ok(draft);
    }

    public Task<ResourceOutcome> Update(ResourceContent content, int? expectedVersion, AuditActor actor)
    {
        if (Check(expectedVersion) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        if (current!.State == ResourceState.Withdrawn)
        {
            return Task.FromResult(ResourceOutcome.Conflict(current, "A withdrawn resource can no longer be changed."));
        }

        if (content.Kind != current.Kind)
        {
            return Task.FromResult(ResourceOutcome.Conflict(
                current, $"The kind of a resource cannot change (it is '{current.Kind.ToWireName()}').", "kind"));
        }

        var change = current.State == ResourceState.Published ? FeedChange.Changed : (FeedChange?)null;
        return Commit(content.ApplyTo(current, clock.GetUtcNow()), change, actor, "updated");
    }

    public Task<ResourceOutcome> Publish(int? expectedVersion, AuditActor actor)
    {
        if (Check(expectedVersion) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        if (current!.State != ResourceState.Draft)
        {
            return Task.FromResult(ResourceOutcome.Conflict(current, $"Only a draft can be published; this resource is {current.State.ToWireName()}."));
        }

        var now = clock.GetUtcNow();
        var next = current with { State = ResourceState.Published, Version = current.Version + 1, ModifiedAt = now, PublishedAt = now };
        return Commit(next, FeedChange.Published, actor, "published");
    }

    public Task<ResourceOutcome> Withdraw(string? reason, int? expectedVersion, AuditActor actor)
    {
        if (Check(expectedVersion) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        if (current!.State == ResourceState.Withdrawn)
        {
            return Task.FromResult(ResourceOutcome.Conflict(current, "The resource is already withdrawn."));
        }

        var now = clock.GetUtcNow();
        var next = current with
        {
            State = ResourceState.Withdrawn,
            Version = current.Version + 1,
            ModifiedAt = now,
            WithdrawnAt = now,
            WithdrawalReason = reason,
        };
        // A draft the federation never saw needs no tombstone.
        var change = current.State == ResourceState.Published ? FeedChange.Withdrawn : (FeedChange?)null;
        return Commit(next, change, actor, "withdrawn");
    }

    private ResourceOutcome? Check(int? expectedVersion) =>
        current is null ? ResourceOutcome.NotFound(Id)
        : expectedVersion is { } expected && expected != current.Version ? ResourceOutcome.VersionMismatch(current, expected)
        : null;

    private async Task<ResourceOutcome> Commit(ResourceSnapshot next, FeedChange? change, AuditActor actor, string what)
    {
        try
        {
            await store.SaveAsync(next, current!.Version, change, actor, what);
        }
        catch (StaleResourceException)
        {
            // Someone else wrote this resource: drop what we hold and let the next call read the truth.
            DeactivateOnIdle();
            throw;
        }

        current = next;
        if (change is not null)
        {
            feedSignal.Notify();
        }

        LogChanged(logger, next.Kind, Id, next.Version, what, actor.Describe());
        return ResourceOutcome.Ok(next);
    }

    [LoggerMessage(LogLevel.Information, "{Kind} {ResourceId} {Change} at version {Version} by {Actor}")]
    private static partial void LogChanged(ILogger logger, ResourceKind kind, Guid resourceId, int version, string change, string actor);
}
