using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Access.Grants;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Writes;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Access.Requests;

/// <summary>
/// Asking, approving, denying, granting and revoking: each request or decision, its grant, its audit record and the
/// message to the requester's home hub are one unit of work, so none of them exists without the others.
/// </summary>
public sealed class AccessDecisions(HubWrites writes, IOptions<HubOptions> hub, TimeProvider clock)
{
    /// <summary>Records a member's request; false when the same person already has one pending for this resource.</summary>
    public async Task<bool> AskAsync(AccessRequest request, AuditActor requester, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        if (!await AccessRequestStore.TryInsertAsync(request, work, cancellationToken))
        {
            return false;
        }

        await work.AuditAsync(new AuditEntry("access.requested", "done", requester, request.ResourceId, request.Id.ToString(),
            // The purpose is the person's own words: kept on the request (which forgets them when the membership ends),
            // never in the append-only log, which could not.
            Details: new Dictionary<string, string?>
            {
                ["purposeLength"] = request.Purpose.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["organisation"] = request.OrganisationName,
            }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<(AccessRequest? Request, Grant? Grant)> ApproveAsync(
        AccessRequest request, string grantTo, DateTimeOffset expiresAt, string? reason, string resourceTitle, AuditActor decider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var grant = new Grant(
            Guid.CreateVersion7(), request.ResourceId, grantTo, request.RequesterHub,
            grantTo == Grant.Person ? request.RequesterSubject : null,
            grantTo == Grant.Organisation ? request.OrganisationId : null,
            request.Id, decider.Describe(), now, expiresAt, null, null, null);
        await using var work = await writes.BeginAsync(cancellationToken);
        var decided = await AccessRequestStore.DecideAsync(request.Id, "approved", decider.Describe(), reason, grant.Id, now, work, cancellationToken);
        if (decided is null)
        {
            return (null, null);
        }

        await GrantStore.InsertAsync(grant, work, cancellationToken);
        await work.AuditAsync(new AuditEntry("access.approved", "done", decider, request.ResourceId, request.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["requester"] = $"{request.RequesterHub}:{request.RequesterSubject}", ["grant"] = grant.Id.ToString(), ["grantTo"] = grantTo,
            ["expiresAt"] = expiresAt.ToString("O"), ["reason"] = reason,
        }), cancellationToken);
        await work.SendAsync(Notify(decided, "approved", resourceTitle, reason, expiresAt, now), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return (decided, grant);
    }

    public async Task<AccessRequest?> DenyAsync(AccessRequest request, string reason, string resourceTitle, AuditActor decider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var work = await writes.BeginAsync(cancellationToken);
        var decided = await AccessRequestStore.DecideAsync(request.Id, "denied", decider.Describe(), reason, null, now, work, cancellationToken);
        if (decided is null)
        {
            return null;
        }

        await work.AuditAsync(new AuditEntry("access.denied", "done", decider, request.ResourceId, request.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["requester"] = $"{request.RequesterHub}:{request.RequesterSubject}", ["reason"] = reason,
        }), cancellationToken);
        await work.SendAsync(Notify(decided, "denied", resourceTitle, reason, null, now), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return decided;
    }

    public async Task<Grant?> GrantAsync(Grant grant, AuditActor grantor, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        await GrantStore.InsertAsync(grant, work, cancellationToken);
        await work.AuditAsync(new AuditEntry("grant.created", "done", grantor, grant.ResourceId, grant.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["grantee"] = Describe(grant), ["expiresAt"] = grant.ExpiresAt.ToString("O"),
        }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return grant;
    }

    public async Task<Grant?> RevokeAsync(Guid grantId, string reason, string resourceTitle, AuditActor revoker, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var work = await writes.BeginAsync(cancellationToken);
        var revoked = await GrantStore.RevokeAsync(grantId, revoker.Describe(), reason, now, work, cancellationToken);
        if (revoked is null)
        {
            return null;
        }

        await work.AuditAsync(new AuditEntry("grant.revoked", "done", revoker, revoked.ResourceId, revoked.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["grantee"] = Describe(revoked), ["reason"] = reason,
        }), cancellationToken);
        if (revoked.GranteeKind == Grant.Person)
        {
            await work.SendAsync(new DecisionMade(
                Guid.CreateVersion7(), hub.Value.Id, revoked.GranteeHub, revoked.GranteeSubject!, "grant", "revoked", revoked.ResourceId,
                resourceTitle, reason, null, null, now), cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        return revoked;
    }

    private static string Describe(Grant grant) => grant.GranteeKind switch
    {
        Grant.Person => $"person {grant.GranteeHub}:{grant.GranteeSubject}",
        Grant.Organisation => $"organisation {grant.GranteeOrganisation} of {grant.GranteeHub}",
        _ => $"all members of {grant.GranteeHub}",
    };

    private DecisionMade Notify(AccessRequest request, string decision, string resourceTitle, string? reason, DateTimeOffset? until, DateTimeOffset now) => new(
        Guid.CreateVersion7(), hub.Value.Id, request.RequesterHub, request.RequesterSubject, "access-request", decision,
        request.ResourceId, resourceTitle, reason, until, null, now);
}
