using Federation.Hub.Audit;
using Federation.Contracts;
using Federation.Hub.Hosting;
using Federation.Hub.Writes;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Resources;

/// <summary>
/// Holds one resource in memory and is its only writer. Each command computes the next snapshot, persists it (with
/// its feed entry when the federation must hear of it) and only then adopts it, so a failed write changes nothing.
/// A write whose commit did not answer, or that found another writer first, leaves the grain not knowing the truth:
/// it forgets what it holds and reads the database again before its next call, so a repeated change is either seen
/// as done (its version moved) or applied on the version that is really current.
/// </summary>
public sealed partial class ResourceGrain(
    ResourceStore store,
    TimeProvider clock,
    IOptions<HubOptions> hub,
    ILogger<ResourceGrain> logger) : Grain, IResourceGrain
{
    private ResourceSnapshot? current;
    private bool loaded;

    private Guid Id => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<ResourceSnapshot?> Get()
    {
        await LoadAsync();
        return current;
    }

    public async Task<ResourceOutcome> CreateDraft(ResourceContent content, AuditActor actor)
    {
        await LoadAsync();
        if (current is not null)
        {
            return ResourceOutcome.Conflict(current, $"Resource {Id} already exists.");
        }

        var draft = content.NewDraft(Id, hub.Value.Id, clock.GetUtcNow());
        bool inserted;
        try
        {
            inserted = await store.InsertDraftAsync(draft, actor);
        }
        catch (CommitOutcomeUnknownException)
        {
            Forget();
            throw;
        }

        if (!inserted)
        {
            current = await store.FindAsync(Id);
            return ResourceOutcome.Conflict(current, $"Resource {Id} already exists.");
        }

        current = draft;
        LogChanged(logger, draft.Kind, Id, draft.Version, "created as draft", actor.Describe());
        return ResourceOutcome.Ok(draft);
    }

    public async Task<ResourceOutcome> Update(ResourceContent content, int? expectedVersion, AuditActor actor)
    {
        if (await CheckAsync(expectedVersion) is { } refusal)
        {
            return refusal;
        }

        if (current!.State == ResourceState.Withdrawn)
        {
            return ResourceOutcome.Conflict(current, "A withdrawn resource can no longer be changed.");
        }

        if (content.Kind != current.Kind)
        {
            return ResourceOutcome.Conflict(current, $"The kind of a resource cannot change (it is '{current.Kind.ToWireName()}').", "kind");
        }

        var change = current.State == ResourceState.Published ? FeedChange.Changed : (FeedChange?)null;
        return await Commit(content.ApplyTo(current, clock.GetUtcNow()), change, actor, "updated");
    }

    public async Task<ResourceOutcome> Publish(int? expectedVersion, AuditActor actor)
    {
        if (await CheckAsync(expectedVersion) is { } refusal)
        {
            return refusal;
        }

        if (current!.State != ResourceState.Draft)
        {
            return ResourceOutcome.Conflict(current, $"Only a draft can be published; this resource is {current.State.ToWireName()}.");
        }

        var now = clock.GetUtcNow();
        var next = current with { State = ResourceState.Published, Version = current.Version + 1, ModifiedAt = now, PublishedAt = now, ChangeNote = null };
        return await Commit(next, FeedChange.Published, actor, "published");
    }

    public async Task<ResourceOutcome> Withdraw(string? reason, int? expectedVersion, AuditActor actor)
    {
        if (await CheckAsync(expectedVersion) is { } refusal)
        {
            return refusal;
        }

        if (current!.State == ResourceState.Withdrawn)
        {
            return ResourceOutcome.Conflict(current, "The resource is already withdrawn.");
        }

        var now = clock.GetUtcNow();
        var next = current with
        {
            State = ResourceState.Withdrawn,
            Version = current.Version + 1,
            ModifiedAt = now,
            WithdrawnAt = now,
            WithdrawalReason = reason,
            ChangeNote = reason,
        };
        // A draft the federation never saw needs no tombstone.
        var change = current.State == ResourceState.Published ? FeedChange.Withdrawn : (FeedChange?)null;
        return await Commit(next, change, actor, "withdrawn");
    }

    private async Task<ResourceOutcome?> CheckAsync(int? expectedVersion)
    {
        await LoadAsync();
        return current is null ? ResourceOutcome.NotFound(Id)
            : expectedVersion is { } expected && expected != current.Version ? ResourceOutcome.VersionMismatch(current, expected)
            : null;
    }

    /// <summary>Reads the resource from the database unless what the grain holds is known to be the truth.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            current = await store.FindAsync(Id, cancellationToken);
            loaded = true;
        }
    }

    /// <summary>What the grain holds may no longer be what the database holds: read it again before the next call.</summary>
    private void Forget()
    {
        current = null;
        loaded = false;
    }

    private async Task<ResourceOutcome> Commit(ResourceSnapshot next, FeedChange? change, AuditActor actor, string what)
    {
        try
        {
            await store.SaveAsync(next, current!.Version, change, actor, what);
        }
        catch (Exception exception) when (exception is StaleResourceException or CommitOutcomeUnknownException)
        {
            // Someone else wrote this resource, or the commit did not answer and the change may be in the database:
            // either way what we hold is not known to be the truth. The next call reads it.
            LogForgotten(logger, Id, next.Version, exception.GetType().Name);
            Forget();
            throw;
        }

        current = next;

        LogChanged(logger, next.Kind, Id, next.Version, what, actor.Describe());
        return ResourceOutcome.Ok(next);
    }

    [LoggerMessage(LogLevel.Warning, "Resource {ResourceId}: writing version {Version} ended in {ExceptionType}; the grain reads the database again before its next call")]
    private static partial void LogForgotten(ILogger logger, Guid resourceId, int version, string exceptionType);

    [LoggerMessage(LogLevel.Information, "{Kind} {ResourceId} {Change} at version {Version} by {Actor}")]
    private static partial void LogChanged(ILogger logger, ResourceKind kind, Guid resourceId, int version, string change, string actor);
}
