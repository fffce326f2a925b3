using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Store;
using Federation.Hub.Identity.Upstream;
using Federation.Hub.People.Invitations;
using Federation.Hub.People.Organisations;
using Federation.Hub.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Federation.Hub.Hosting;

namespace Federation.Hub.People.JoinRequests;

/// <summary>
/// Staff decide on confirmed join requests: approving places the person in an organisation (an existing one, or a new
/// one made from what they gave) and mails them an invitation; refusing tells them the reason.
/// </summary>
public static class JoinRequestEndpoints
{
    public static IEndpointRouteBuilder MapJoinRequests(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/members/join-requests").WithTags("Membership").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", ListAsync);
        staff.MapPost("/{id:guid}/approve", ApproveAsync);
        staff.MapPost("/{id:guid}/refuse", RefuseAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string? state, IdentityDbContext context, CancellationToken cancellationToken)
    {
        state ??= JoinRequest.Pending;
        if (state is not (JoinRequest.Pending or JoinRequest.Approved or JoinRequest.Refused))
        {
            return Problems.Invalid("state", "Use pending, approved or refused.");
        }

        var requests = await context.JoinRequests.AsNoTracking().Where(r => r.State == state).OrderBy(r => r.ConfirmedAt).Take(1000).ToListAsync(cancellationToken);
        return Results.Ok(requests.Select(RecordOf));
    }

    private static async Task<IResult> ApproveAsync(
        IOptions<HubOptions> node, Guid id, JoinApprovalInput? input, HttpContext http, IdentityDbContext context, HubWrites writes, Invitations.Invitations invitations,
        UpstreamAccounts upstreamAccounts, IOptions<UpstreamOptions> upstream, AuditActors actors, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = await context.JoinRequests.SingleOrDefaultAsync(r => r.Id == id && r.State != JoinRequest.Unconfirmed, cancellationToken);
        if (request is null)
        {
            return Problems.NotFound($"There is no confirmed join request {id} at this hub.");
        }

        if (request.State != JoinRequest.Pending)
        {
            return Problems.Conflict($"The request was {request.State} already.");
        }

        var roles = input?.Roles is { Count: > 0 } asked ? asked : [HubRoles.Member];
        if (roles.Any(role => role is null || !HubRoles.GivenAt(node.Value.IsFacility).Contains(role)))
        {
            return Problems.Invalid("roles", $"Roles are from: {string.Join(", ", HubRoles.GivenAt(node.Value.IsFacility).Order(StringComparer.Ordinal))}.");
        }

        if (await context.Users.AnyAsync(a => a.NormalizedEmail == request.Email.ToUpperInvariant(), cancellationToken))
        {
            return Problems.Conflict("Someone with this e-mail address became a member in the meantime; refuse the request instead.");
        }

        UpstreamProvider? provider = null;
        if (request.UpstreamProvider is { } providerName)
        {
            provider = upstream.Value.Find(providerName);
            if (provider is null)
            {
                return Problems.Conflict($"The person signed in with '{providerName}', which this hub no longer trusts: refuse the request, and they may ask again.");
            }

            if (await context.UserLogins.AnyAsync(l => l.LoginProvider == providerName && l.ProviderKey == request.UpstreamSubject, cancellationToken))
            {
                return Problems.Conflict("This person's sign-in belongs to a member already; refuse the request instead.");
            }
        }

        HubOrganisation? organisation;
        if (input?.OrganisationId is { Length: > 0 } organisationId)
        {
            organisation = await context.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
            if (organisation is null)
            {
                return Problems.Invalid("organisationId", "Name one of this hub's organisations, or leave it out to add the one the person gave.");
            }
        }
        else
        {
            if (request.KvkNumber is { } kvk && await context.Organisations.AnyAsync(o => o.KvkNumber == kvk, cancellationToken))
            {
                return Problems.Invalid("organisationId", $"An organisation with KvK number {kvk} exists already: name it.");
            }

            organisation = new HubOrganisation
            {
                Id = await OrganisationEndpoints.FreeIdAsync(context, OrganisationRules.SlugOf(request.OrganisationName), cancellationToken),
                Name = request.OrganisationName, Type = request.OrganisationType, KvkNumber = request.KvkNumber,
            };
        }

        var actor = actors.Of(http.User);
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        if (!await ClaimAsync(context, id, JoinRequest.Approved, cancellationToken))
        {
            return DecidedMeanwhile;
        }

        if (context.Entry(organisation).State == EntityState.Detached)
        {
            context.Organisations.Add(organisation);
            await work.AuditAsync(new AuditEntry("organisation.added", "done", actor, Target: organisation.Id,
                Details: new Dictionary<string, string?> { ["joinRequest"] = id.ToString() }), cancellationToken);
        }

        request.State = JoinRequest.Approved;
        request.OrganisationId = organisation.Id;
        request.DecidedBy = actor.Describe();
        request.DecidedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        await work.AuditAsync(new AuditEntry("join-request.approved", "done", actor, Target: id.ToString(),
            Details: new Dictionary<string, string?> { ["organisation"] = organisation.Id }), cancellationToken);
        if (provider is not null)
        {
            // They proved who they are at their institution already: the member is made now and signs in there.
            var person = new UpstreamIdentity(provider.Name, request.UpstreamSubject!, request.Email, EmailVerified: true, request.Name, null, []);
            var account = await upstreamAccounts.CreateAsync(person, provider, organisation, roles,
                new AuditEntry("member.admitted", "done", actor, Details: new Dictionary<string, string?> { ["joinRequest"] = id.ToString() }), work, cancellationToken);
            await work.CommitAsync(cancellationToken);
            return Results.Ok(new JoinApproval(RecordOf(request), Invitation: null, account.Id));
        }

        var invitation = await invitations.SendAsync(
            request.Email, request.Name, organisation, [.. roles.Append(HubRoles.Member).Distinct(StringComparer.Ordinal)], id, actor, cancellationToken, within: work);
        await work.CommitAsync(cancellationToken);
        return Results.Ok(new JoinApproval(RecordOf(request), invitation));
    }

    private static async Task<IResult> RefuseAsync(
        Guid id, MembershipChangeInput? input, HttpContext http, IdentityDbContext context, HubWrites writes, PeopleMail mail, AuditActors actors,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (DecisionReason.Required(input?.Reason) is not { } reason)
        {
            return Problems.Invalid("reason", "Give the reason for refusing (1 to 1000 characters); the person is told it.");
        }

        var request = await context.JoinRequests.SingleOrDefaultAsync(r => r.Id == id && r.State != JoinRequest.Unconfirmed, cancellationToken);
        if (request is null)
        {
            return Problems.NotFound($"There is no confirmed join request {id} at this hub.");
        }

        if (request.State != JoinRequest.Pending)
        {
            return Problems.Conflict($"The request was {request.State} already.");
        }

        var actor = actors.Of(http.User);
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        if (!await ClaimAsync(context, id, JoinRequest.Refused, cancellationToken))
        {
            return DecidedMeanwhile;
        }

        request.State = JoinRequest.Refused;
        request.Reason = reason;
        request.DecidedBy = actor.Describe();
        request.DecidedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        await work.AuditAsync(new AuditEntry("join-request.refused", "done", actor, Target: id.ToString(),
            Details: new Dictionary<string, string?> { ["reason"] = reason }), cancellationToken);
        await work.MailAsync(mail.JoinRequestRefused(request.Email, reason), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return Results.Ok(RecordOf(request));
    }

    // Two members of staff deciding the same request at once: the first to move it out of pending holds its row until
    // it commits, the second then finds it decided and its transaction rolls back, so one person never gets both an
    // invitation and a refusal.
    private static async Task<bool> ClaimAsync(IdentityDbContext context, Guid id, string decision, CancellationToken cancellationToken) =>
        await context.JoinRequests.Where(r => r.Id == id && r.State == JoinRequest.Pending)
            .ExecuteUpdateAsync(update => update.SetProperty(r => r.State, decision), cancellationToken) == 1;

    private static IResult DecidedMeanwhile => Problems.Conflict("Another member of staff decided this request a moment ago; nothing was changed.");

    public static JoinRequestRecord RecordOf(JoinRequest request) => new(
        request.Id, request.Name, request.Email, request.OrganisationName, request.OrganisationType.ToWireName(), request.KvkNumber, request.Motivation,
        request.State, request.ConfirmedAt, request.OrganisationId, request.DecidedBy, request.DecidedAt, request.Reason, request.UpstreamProvider);
}
