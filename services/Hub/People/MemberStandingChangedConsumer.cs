using Federation.Contracts;
using Federation.Hub.Access.Grants;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Writes;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People;

/// <summary>
/// Another hub suspended, removed or reinstated one of its own members: from the next request this hub refuses (or
/// honours again) the guest tokens it issued to that person, and a suspension or removal ends the grants this hub
/// made to them, each audited; a removal (or an account its holder closed) also forgets what this hub kept of their name
/// and words (<see cref="PersonalData"/>). The signature was checked before this runs, and the signer is the home hub the message
/// names (<see cref="ISignedMessage.SignerId"/>), so no hub can speak for another's members. News older than what is
/// held (or older than <see cref="RevokedPeople.NewsKeptFor"/>), a repeat, or news of this hub's own members changes
/// nothing; a malformed message, or news of more of a hub's members than <see cref="PeopleOptions.MaxRevokedPerHomeHub"/>,
/// goes to the error queue.
/// </summary>
public sealed partial class MemberStandingChangedConsumer(
    HubWrites writes, RevokedPeople revoked, IOptions<HubOptions> hub, IOptions<PeopleOptions> options, TimeProvider clock,
    ILogger<MemberStandingChangedConsumer> logger)
    : IConsumer<MemberStandingChanged>
{
    private const int MaxSubjectLength = 200;

    public async Task Consume(ConsumeContext<MemberStandingChanged> context)
    {
        context.ThrowUnlessArrivedThrough(HubQueues.DecisionExchange);
        var change = context.Message;
        if (Problem(change, clock.GetUtcNow()) is { } problem)
        {
            LogRefused(logger, change.MessageId, change.HubId, problem);
            throw new InvalidMessageException($"Member standing {change.MessageId} from '{change.HubId}' refused: {problem}.");
        }

        // This hub's own members are changed where staff change them (MemberStanding), never by a message.
        if (change.RecipientHubId != hub.Value.Id || change.HubId == hub.Value.Id)
        {
            LogIgnored(logger, change.MessageId, change.HubId);
            return;
        }

        // Older than anything this hub still keeps of the person: what it would undo may have been purged already.
        if (change.ChangedAt < clock.GetUtcNow() - RevokedPeople.NewsKeptFor)
        {
            LogOlder(logger, change.MessageId, change.HubId);
            return;
        }

        var cancellationToken = context.CancellationToken;
        await using (var work = await writes.BeginAsync(cancellationToken))
        {
            if (await RevokedPeople.WouldPassLimitAsync(change.HubId, change.Subject, options.Value.MaxRevokedPerHomeHub, work, cancellationToken))
            {
                LogOverLimit(logger, change.MessageId, change.HubId, options.Value.MaxRevokedPerHomeHub);
                throw new InvalidMessageException(
                    $"Member standing {change.MessageId} from '{change.HubId}' refused: this hub already holds news of {options.Value.MaxRevokedPerHomeHub} of its members.");
            }

            if (!await RevokedPeople.ApplyFromHomeAsync(change, work, cancellationToken))
            {
                LogOlder(logger, change.MessageId, change.HubId);
                return;
            }

            var actor = new AuditActor("hub", change.HubId, change.HubId, null);
            var ended = change.Standing == MemberStandingChanged.Active
                ? []
                : await GrantStore.RevokeAllOfPersonAsync(change.HubId, change.Subject, $"hub {change.HubId}",
                    $"Membership {change.Standing} at their home hub {change.HubId}", clock.GetUtcNow(), work, cancellationToken);
            foreach (var grant in ended)
            {
                await work.AuditAsync(new AuditEntry("grant.revoked", "done", actor, grant.ResourceId, grant.Id.ToString(), Details: new Dictionary<string, string?>
                {
                    ["grantee"] = $"person {grant.GranteeHub}:{grant.GranteeSubject}", ["reason"] = $"Membership {change.Standing} at home",
                }), cancellationToken);
            }

            // A person whose membership ended is forgotten here too: their name and what they wrote, not their id.
            if (change.Standing == MemberStandingChanged.Removed)
            {
                await PersonalData.ForgetAsync(change.HubId, change.Subject, work, cancellationToken);
            }

            await work.AuditAsync(new AuditEntry("member.standing-received", "done", actor, Target: $"{change.HubId}:{change.Subject}",
                Details: new Dictionary<string, string?>
                {
                    ["standing"] = change.Standing, ["changedAt"] = change.ChangedAt.ToString("O"), ["messageId"] = change.MessageId.ToString(),
                    ["grantsEnded"] = ended.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }

        await revoked.RefreshAsync(cancellationToken);
        LogApplied(logger, change.MessageId, change.HubId, change.Standing);
    }

    private static string? Problem(MemberStandingChanged change, DateTimeOffset now) =>
        change.MessageId == Guid.Empty ? "it has no message id"
        : change.Standing is not (MemberStandingChanged.Suspended or MemberStandingChanged.Removed or MemberStandingChanged.Active)
            ? $"'{SenderText.Shown(change.Standing ?? "")}' is no standing (suspended, removed or active)"
        : string.IsNullOrEmpty(change.Subject) || change.Subject.Length > MaxSubjectLength || change.Subject.Any(char.IsControl)
            ? $"the person's id must be 1 to {MaxSubjectLength} printable characters"
        : string.IsNullOrEmpty(change.RecipientHubId) ? "it names no recipient hub"
        // A time ahead of now would shut out every later change the home hub makes until then.
        : change.ChangedAt > now + SenderVerification.ClockSkew ? "it is dated in the future"
        : null;

    [LoggerMessage(LogLevel.Warning, "Member standing {MessageId} from hub {HubId} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string hubId, string problem);

    [LoggerMessage(LogLevel.Information, "Member standing {MessageId} from hub {HubId} is not for this hub or about its own members; ignored")]
    private static partial void LogIgnored(ILogger logger, Guid messageId, string hubId);

    [LoggerMessage(LogLevel.Information, "Member standing {MessageId} from hub {HubId} is older than what this hub holds; nothing changed")]
    private static partial void LogOlder(ILogger logger, Guid messageId, string hubId);

    [LoggerMessage(LogLevel.Error, "Member standing {MessageId} from hub {HubId} refused: this hub already holds news of {Limit} of its members (People:MaxRevokedPerHomeHub); that hub is naming far more people than it has")]
    private static partial void LogOverLimit(ILogger logger, Guid messageId, string hubId, int limit);

    [LoggerMessage(LogLevel.Information, "Member standing {MessageId}: a member of hub {HubId} is now {Standing} here too")]
    private static partial void LogApplied(ILogger logger, Guid messageId, string hubId, string standing);
}
