using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Access.Grants;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Notifications;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Access.Requests;

/// <summary>
/// Approving, denying and revoking: each decision, its grant, its audit record and the message to the requester's
/// home hub are written in one transaction, so none of them exists without the others.
/// </summary>
public sealed class AccessDecisions(NpgsqlDataSource database, AuditLog audit, Outbox outbox, OutboxSignal outboxSignal, IOptions<HubOptions> hub, TimeProvider clock)
{
    public async Task<(AccessRequest? Request, Grant? Grant)> ApproveAsync(
        AccessRequest request, string grantTo, DateTimeOffset expiresAt, string? reason, string resourceTitle, AuditActor decider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var grant = new Grant(
            Guid.CreateVersion7(), request.ResourceId, grantTo, request.RequesterHub,
            grantTo == Grant.Person ? request.RequesterSubject : null,
            grantTo == Grant.Organisation ? request.OrganisationId : null,
            request.Id, decider.Describe(), now, expiresAt, null, null, null);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var decided = await AccessRequestStore.DecideAsync(request.Id, "approved", decider.Describe(), reason, grant.Id, now, connection, transaction, cancellationToken);
        if (decided is null)
        {
            return (null, null);
        }

        await GrantStore.InsertAsync(grant, connection, transaction, cancellationToken);
        await audit.AppendAsync(new AuditEntry("access.approved", "done", decider, request.ResourceId, request.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["requester"] = $"{request.RequesterHub}:{request.RequesterSubject}", ["grant"] = grant.Id.ToString(), ["grantTo"] = grantTo,
            ["expiresAt"] = expiresAt.ToString("O"), ["reason"] = reason,
        }), connection, transaction, cancellationToken);
        await outbox.EnqueueAsync(Notify(decided, "approved", resourceTitle, reason, expiresAt, now), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return (decided, grant);
    }

    public async Task<AccessRequest?> DenyAsync(AccessRequest request, string reason, string resourceTitle, AuditActor decider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var decided = await AccessRequestStore.DecideAsync(request.Id, "denied", decider.Describe(), reason, null, now, connection, transaction, cancellationToken);
        if (decided is null)
        {
            return null;
        }

        await audit.AppendAsync(new AuditEntry("access.denied", "done", decider, request.ResourceId, request.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["requester"] = $"{request.RequesterHub}:{request.RequesterSubject}", ["reason"] = reason,
        }), connection, transaction, cancellationToken);
        await outbox.EnqueueAsync(Notify(decided, "denied", resourceTitle, reason, null, now), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return decided;
    }

    public async Task<Grant?> GrantAsync(Grant grant, AuditActor grantor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await GrantStore.InsertAsync(grant, connection, transaction, cancellationToken);
        await audit.AppendAsync(new AuditEntry("grant.created", "done", grantor, grant.ResourceId, grant.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["grantee"] = Describe(grant), ["expiresAt"] = grant.ExpiresAt.ToString("O"),
        }), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return grant;
    }

    public async Task<Grant?> RevokeAsync(Guid grantId, string reason, string resourceTitle, AuditActor revoker, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revoked = await GrantStore.RevokeAsync(grantId, revoker.Describe(), reason, now, connection, transaction, cancellationToken);
        if (revoked is null)
        {
            return null;
        }

        await audit.AppendAsync(new AuditEntry("grant.revoked", "done", revoker, revoked.ResourceId, revoked.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["grantee"] = Describe(revoked), ["reason"] = reason,
        }), connection, transaction, cancellationToken);
        if (revoked.GranteeKind == Grant.Person)
        {
            await outbox.EnqueueAsync(new DecisionMade(
                Guid.CreateVersion7(), hub.Value.Id, revoked.GranteeHub, revoked.GranteeSubject!, "grant", "revoked", revoked.ResourceId,
                resourceTitle, reason, null, null, now), connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
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
