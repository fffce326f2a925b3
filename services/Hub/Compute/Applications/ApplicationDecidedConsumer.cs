using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Notifications;
using Federation.Hub.Writes;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// A facility's decision on one of this hub's members' applications: kept on the application, audited here, and the
/// member told. Only the facility the application went to may decide it, only once, and only as awarded (with an
/// allocation inside what was asked) or rejected (with a reason); anything else goes to the error queue as evidence.
/// </summary>
public sealed partial class ApplicationDecidedConsumer(
    HubWrites writes, IOptions<HubOptions> hub, TimeProvider clock, ILogger<ApplicationDecidedConsumer> logger)
    : IConsumer<ComputeApplicationDecided>
{
    public async Task Consume(ConsumeContext<ComputeApplicationDecided> context)
    {
        context.ThrowUnlessArrivedThrough(HubQueues.DecisionExchange);
        var decision = context.Message;
        if (decision.HubId != hub.Value.Id)
        {
            LogNotForUs(logger, decision.MessageId, decision.FacilityId);
            return;
        }

        var now = clock.GetUtcNow();
        var senderKind = SenderKinds.Of(context);
        await using var work = await writes.BeginAsync(context.CancellationToken);
        var application = await ApplicationStore.LockAsync(decision.ApplicationId, work, context.CancellationToken);
        if (Problem(decision, application, senderKind, now) is { } problem)
        {
            LogRefused(logger, decision.MessageId, decision.FacilityId, problem);
            throw new InvalidMessageException($"Decision {decision.MessageId} from '{decision.FacilityId}' refused: {problem}.");
        }

        if (application!.State != ComputeApplication.Endorsed)
        {
            // Decided already: a redelivery, or the rules' rejection and staff's both; the first word stands.
            return;
        }

        var decided = application with
        {
            State = decision.Decision, DecidedAt = decision.DecidedAt.ToUniversalTime(), DecisionReason = decision.Reason?.Trim(), Allocation = decision.Allocation, UpdatedAt = now,
        };
        await ApplicationStore.ReplaceAsync(decided, ComputeApplication.Endorsed, work, context.CancellationToken);
        await work.AuditAsync(new AuditEntry($"compute-application.{decision.Decision}", "done", new AuditActor("hub", decision.FacilityId, decision.FacilityId, "facility decision"),
            application.CallId, application.Id.ToString(), Details: new Dictionary<string, string?>
            {
                ["reason"] = decided.DecisionReason, ["allocation"] = decision.Allocation?.AllocationId.ToString(),
                ["hours"] = decision.Allocation?.Hours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }), context.CancellationToken);
        await MemberNotifications.AddAsync(decision.MessageId, application.ApplicantSubject, decision.FacilityId, "compute-application", decision.Decision,
            application.CallId, application.CallTitle, decided.DecisionReason, decision.Allocation is { } grant ? AllocationDays.EndOf(grant) : null,
            decided.DecidedAt!.Value, now, work, context.CancellationToken);
        await work.CommitAsync(context.CancellationToken);
    }

    private static string? Problem(ComputeApplicationDecided decision, ComputeApplication? application, string? senderKind, DateTimeOffset now)
    {
        if (senderKind is not null && senderKind != Trust.MemberMetadata.FacilityKind)
        {
            return $"'{decision.FacilityId}' is a {senderKind}, not a compute facility";
        }

        if (application is null || application.FacilityId != decision.FacilityId)
        {
            return "no application of this hub went to that facility";
        }

        if (decision.DecidedAt > now + SenderVerification.ClockSkew)
        {
            return "it is dated in the future";
        }

        return decision.Decision switch
        {
            ComputeApplication.Awarded when decision.Allocation is not { } grant => "an award without an allocation",
            ComputeApplication.Awarded when decision.Allocation!.Hours < 1 || decision.Allocation.Hours > application.RequestedHours
                || decision.Allocation.End < decision.Allocation.Start || decision.Allocation.Partition is not { Length: > 0 and <= 100 }
                || decision.Allocation.Account is not { Length: > 0 and <= 100 } => "an allocation no one asked for",
            ComputeApplication.Rejected when decision.Reason is not { Length: > 0 and <= 2_000 } => "a rejection without a reason",
            ComputeApplication.Rejected when decision.Allocation is not null => "a rejection with an allocation",
            ComputeApplication.Awarded or ComputeApplication.Rejected => null,
            _ => "not a decision on an application",
        };
    }

    [LoggerMessage(LogLevel.Warning, "Compute decision {MessageId} from {FacilityId} is not for this hub; ignored")]
    private static partial void LogNotForUs(ILogger logger, Guid messageId, string facilityId);

    [LoggerMessage(LogLevel.Warning, "Compute decision {MessageId} from {FacilityId} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string facilityId, string problem);
}
