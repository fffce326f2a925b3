using Federation.Contracts.Hub;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People.Invitations;

/// <summary>
/// Issues and withdraws invitations. A new invitation to an address replaces any open one to it (its link stops
/// working), so a person never holds two ways in.
/// </summary>
public sealed class Invitations(IdentityDbContext context, HubWrites writes, PeopleMail mail, IOptions<PeopleOptions> options, TimeProvider clock)
{
    public async Task<MemberInvitation> SendAsync(
        string email, string? displayName, HubOrganisation organisation, IReadOnlyList<string> roles, Guid? joinRequestId, AuditActor actor,
        CancellationToken cancellationToken, HubUnitOfWork? within = null)
    {
        var now = clock.GetUtcNow();
        var (secret, hash) = OneTimeSecret.New();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(), Email = email, DisplayName = displayName, OrganisationId = organisation.Id, Roles = [.. roles],
            TokenHash = hash, JoinRequestId = joinRequestId, InvitedBy = actor.Describe(), CreatedAt = now, ExpiresAt = now + options.Value.InvitationLifetime,
        };

        var work = within ?? await writes.BeginAsync(cancellationToken);
        try
        {
            if (within is null)
            {
                await context.EnlistAsync(work, cancellationToken);
            }

            var normalized = email.ToUpperInvariant();
            await context.Invitations
                .Where(i => i.Email.ToUpper() == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.RevokedAt, now), cancellationToken);
            context.Invitations.Add(invitation);
            await context.SaveChangesAsync(cancellationToken);
            await work.AuditAsync(new AuditEntry("member.invited", "done", actor, Target: invitation.Id.ToString(), Details: new Dictionary<string, string?>
            {
                ["organisation"] = organisation.Id, ["roles"] = string.Join(' ', roles), ["joinRequest"] = joinRequestId?.ToString(),
            }), cancellationToken);
            await work.MailAsync(mail.Invitation(email, organisation.Name, secret, invitation.ExpiresAt), cancellationToken);
            if (within is null)
            {
                await work.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (within is null)
            {
                await work.DisposeAsync();
            }
        }

        return RecordOf(invitation, now);
    }

    public async Task<MemberInvitation?> RevokeAsync(Guid id, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        var invitation = await context.Invitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null || invitation.StateAt(now) != "open")
        {
            return null;
        }

        invitation.RevokedAt = now;
        await context.SaveChangesAsync(cancellationToken);
        await work.AuditAsync(new AuditEntry("member.invitation-revoked", "done", actor, Target: id.ToString()), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return RecordOf(invitation, now);
    }

    public static MemberInvitation RecordOf(Invitation invitation, DateTimeOffset now) => new(
        invitation.Id, invitation.Email, invitation.DisplayName, invitation.OrganisationId, invitation.Roles, invitation.StateAt(now),
        invitation.JoinRequestId, invitation.CreatedAt, invitation.ExpiresAt, invitation.AcceptedAt);
}
