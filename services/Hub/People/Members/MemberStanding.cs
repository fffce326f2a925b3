using Federation.Contracts;
using Dapper;
using Federation.Hub.Access.Grants;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.Identity.TrustList;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People.Members;

/// <summary>
/// What staff change about a member: roles, suspension, reinstatement, removal, a second factor reset. Each change is one unit of work (the
/// account, the revocation list, ended grants, the audit record and the mail to the person commit together), changes
/// the account's security stamp (ending sessions and refresh tokens), and for suspension and removal takes effect at
/// this hub's next request (<see cref="RevokedPeople"/>) and, through the outbox, at every other hub's
/// (<see cref="MemberStandingChanged"/>).
/// </summary>
public sealed class MemberStanding(
    UserManager<HubAccount> users, IUserStore<HubAccount> store, IdentityDbContext context, HubWrites writes, RevokedPeople revoked, PeopleMail mail,
    FederationTrustList federation, IOptions<HubOptions> hub, TimeProvider clock)
{
    public async Task ChangeRolesAsync(HubAccount account, IReadOnlyList<string> roles, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var work = await BeginAsync(cancellationToken);
        var held = await users.GetRolesAsync(account);
        await KeepingStaffAsync(work, async () =>
        {
            Ensure(await users.RemoveFromRolesAsync(account, held.Except(roles)));
            Ensure(await users.AddToRolesAsync(account, roles.Except(held)));
        }, cancellationToken);
        // Identity changes the stamp for a new password, not for new roles: sessions and refresh tokens must end too.
        Ensure(await users.UpdateSecurityStampAsync(account));
        // And access tokens carry the roles: those issued before now are refused from the next request on.
        await RevokedPeople.CutOffTokensAsync(hub.Value.Id, account.Id.ToString(), clock.GetUtcNow(), work, cancellationToken);
        await work.AuditAsync(new AuditEntry("member.roles-changed", "done", actor, Target: account.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["from"] = string.Join(' ', held.Order(StringComparer.Ordinal)), ["to"] = string.Join(' ', roles),
        }), cancellationToken);
        await work.MailAsync(mail.RolesChanged(account.Email!, roles), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
    }

    public async Task SuspendAsync(HubAccount account, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var work = await BeginAsync(cancellationToken);
        account.SuspendedAt = now;
        account.SuspensionReason = reason;
        await KeepingStaffAsync(work, async () => Ensure(await users.UpdateAsync(account)), cancellationToken);
        Ensure(await users.UpdateSecurityStampAsync(account));
        await EndAsync(account, RevokedPeople.Suspended, reason, actor, now, work, cancellationToken);
        await work.MailAsync(mail.Suspended(account.Email!, reason), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
    }

    public async Task ReinstateAsync(HubAccount account, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var work = await BeginAsync(cancellationToken);
        account.SuspendedAt = null;
        account.SuspensionReason = null;
        Ensure(await users.UpdateAsync(account));
        Ensure(await users.UpdateSecurityStampAsync(account));
        await RevokedPeople.LiftAsync(hub.Value.Id, account.Id.ToString(), now, work, cancellationToken);
        await TellOtherHubsAsync(account.Id.ToString(), MemberStandingChanged.Active, now, work, cancellationToken);
        await work.AuditAsync(new AuditEntry("member.reinstated", "done", actor, Target: account.Id.ToString(),
            Details: new Dictionary<string, string?> { ["reason"] = reason }), cancellationToken);
        await work.MailAsync(mail.Reinstated(account.Email!, reason), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// The member lost their authenticator and their recovery codes: staff, having made sure who is asking (that is
    /// theirs to do, outside the hub), turn the second factor off. The old key is replaced by one nobody saw and the
    /// codes are gone, so the lost device opens nothing; sessions, refresh and access tokens end. At the next sign-in
    /// staff enrol a new authenticator before anything else, and a member may from their security page.
    /// </summary>
    public async Task ResetSecondFactorAsync(HubAccount account, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var work = await BeginAsync(cancellationToken);
        Ensure(await users.SetTwoFactorEnabledAsync(account, false));
        Ensure(await users.ResetAuthenticatorKeyAsync(account));
        await ((IUserTwoFactorRecoveryCodeStore<HubAccount>)store).ReplaceCodesAsync(account, [], cancellationToken);
        Ensure(await users.UpdateAsync(account));
        await RevokedPeople.CutOffTokensAsync(hub.Value.Id, account.Id.ToString(), clock.GetUtcNow(), work, cancellationToken);
        await work.AuditAsync(new AuditEntry("member.second-factor-reset", "done", actor, Target: account.Id.ToString(),
            Details: new Dictionary<string, string?> { ["reason"] = reason }), cancellationToken);
        await work.MailAsync(mail.SecondFactorReset(account.Email!, account.UserName ?? "", reason), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// Ends the membership: the account and its personal data go, the person's id stays on the revocation list (so
    /// no token of theirs works again) and in the audit records, which name them only by it.
    /// </summary>
    public async Task RemoveAsync(HubAccount account, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var email = account.Email!;
        await using var work = await BeginAsync(cancellationToken);
        await LockAccountAsync(account, work, cancellationToken);
        await EndAsync(account, RevokedPeople.Removed, reason, actor, now, work, cancellationToken);
        foreach (var login in await users.GetLoginsAsync(account))
        {
            // Removed by staff: an admission rule must not let them straight back in through their institution.
            await work.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO hub_removed_logins (provider, subject, removed_at) VALUES (@provider, @subject, @now)
                ON CONFLICT (provider, subject) DO UPDATE SET removed_at = excluded.removed_at
                """, new { provider = login.LoginProvider, subject = login.ProviderKey, now }, work.Transaction, cancellationToken: cancellationToken));
        }

        await ForgetAsync(account, work, cancellationToken);
        await KeepingStaffAsync(work, async () => Ensure(await users.DeleteAsync(account)), cancellationToken);
        await work.MailAsync(mail.Removed(email, reason), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// The person closes their own account: as a removal (every hub stops honouring them, grants end), and everything
    /// personal goes: the account, notifications, invitations and requests to join under their address, their name in
    /// the audit log and on their requests. The audit records stay, naming them by their id only.
    /// </summary>
    public async Task CloseAsync(HubAccount account, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var email = account.Email!;
        var actor = new AuditActor("member", account.Id.ToString(), hub.Value.Id, Name: null);
        await using var work = await BeginAsync(cancellationToken);
        await LockAccountAsync(account, work, cancellationToken);
        await EndAsync(account, RevokedPeople.Removed, "Account closed by its holder", actor, now, work, cancellationToken, action: "member.closed");
        await ForgetAsync(account, work, cancellationToken);
        await KeepingStaffAsync(work, async () => Ensure(await users.DeleteAsync(account)), cancellationToken);
        await work.MailAsync(mail.Closed(email), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
    }

    private async Task ForgetAsync(HubAccount account, HubUnitOfWork work, CancellationToken cancellationToken)
    {
        var subject = account.Id.ToString();
        var email = account.NormalizedEmail ?? account.Email!.ToUpperInvariant();
        await PersonalData.ForgetAsync(hub.Value.Id, subject, work, cancellationToken);
        await work.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM member_notifications WHERE member_sub = @subject", new { subject }, work.Transaction, cancellationToken: cancellationToken));
        await context.Invitations.Where(i => i.Email.ToUpper() == email).ExecuteDeleteAsync(cancellationToken);
        await context.JoinRequests.Where(r => r.Email.ToUpper() == email).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task EndAsync(
        HubAccount account, string standing, string reason, AuditActor actor, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken,
        string? action = null)
    {
        var subject = account.Id.ToString();
        await RevokedPeople.RecordAsync(hub.Value.Id, subject, standing, reason, now, work, cancellationToken);
        await TellOtherHubsAsync(subject, standing, now, work, cancellationToken);
        var ended = await GrantStore.RevokeAllOfPersonAsync(hub.Value.Id, subject, actor.Describe(), $"Membership {standing}: {reason}", now, work, cancellationToken);
        foreach (var grant in ended)
        {
            await work.AuditAsync(new AuditEntry("grant.revoked", "done", actor, grant.ResourceId, grant.Id.ToString(), Details: new Dictionary<string, string?>
            {
                ["grantee"] = $"person {grant.GranteeHub}:{grant.GranteeSubject}", ["reason"] = $"Membership {standing}",
            }), cancellationToken);
        }

        await work.AuditAsync(new AuditEntry(action ?? $"member.{standing}", "done", actor, Target: subject, Details: new Dictionary<string, string?>
        {
            ["reason"] = reason, ["grantsEnded"] = ended.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), cancellationToken);
    }

    // Every hub the federation trusts now may have issued this person a guest token: each is told, in this change's
    // transaction, and stops (or resumes) honouring them. A hub admitted later never issued one, and the person can get
    // no new guest token anywhere while this hub refuses them the onward token it takes.
    private async Task TellOtherHubsAsync(string subject, string standing, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken)
    {
        foreach (var other in federation.Hubs().Where(other => other.HubId != hub.Value.Id))
        {
            await work.SendAsync(new MemberStandingChanged(Guid.CreateVersion7(), hub.Value.Id, other.HubId, subject, standing, now), cancellationToken);
        }
    }

    // Changes to membership at this hub take turns (a transaction lock, held to the commit), so that the check that
    // staff remain sees every change committed before it: two members of staff demoting each other at once would
    // otherwise each see the other still there, and leave the hub with nobody to run it.
    private async Task<HubUnitOfWork> BeginAsync(CancellationToken cancellationToken)
    {
        var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        await work.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('hub-membership'))", transaction: work.Transaction, cancellationToken: cancellationToken));
        return work;
    }

    // The account's row first, as a password reset or an enrolment takes it before the audit log's head: a removal that
    // wrote its audit record first and then deleted the account would take the two the other way round, and deadlock.
    private static Task LockAccountAsync(HubAccount account, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition(
            """SELECT 1 FROM hub_accounts WHERE "Id" = @id FOR UPDATE""", new { id = account.Id }, work.Transaction, cancellationToken: cancellationToken));

    /// <summary>Runs <paramref name="change"/> and refuses it (<see cref="LastStaffException"/>) when it took the last member of staff in standing away.</summary>
    private async Task KeepingStaffAsync(HubUnitOfWork work, Func<Task> change, CancellationToken cancellationToken)
    {
        var before = await StaffInStandingAsync(work, cancellationToken);
        await change();
        if (before > 0 && await StaffInStandingAsync(work, cancellationToken) == 0)
        {
            throw new LastStaffException();
        }
    }

    private static Task<long> StaffInStandingAsync(HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM hub_accounts a
              JOIN hub_account_roles ar ON ar."UserId" = a."Id" JOIN hub_roles r ON r."Id" = ar."RoleId"
             WHERE r."Name" = @staff AND a."SuspendedAt" IS NULL
            """, new { staff = HubRoles.Staff }, work.Transaction, cancellationToken: cancellationToken));

    // Identity reports failures as results; here none is expected (the input was checked), so one is a fault, except
    // the account changed by someone else since it was read (its concurrency stamp): that one the caller is told.
    private static void Ensure(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ChangedMeanwhileException();
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The account could not be changed: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }

    /// <summary>The change would have left the hub without a member of staff in standing; nothing was written.</summary>
    public sealed class LastStaffException() : Exception("The hub would be left without staff.");

    /// <summary>The account changed (another member of staff, the person themself) between reading it and changing it; nothing was written.</summary>
    public sealed class ChangedMeanwhileException() : Exception("The account changed meanwhile.");
}
