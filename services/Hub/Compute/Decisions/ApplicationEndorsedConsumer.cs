using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Hub.Audit;
using Federation.Hub.Compute.Accounting;
using Federation.Hub.Compute.Calls;
using Federation.Hub.Hosting;
using Federation.Hub.Writes;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Compute.Decisions;

/// <summary>
/// A facility takes in an application a hub endorsed: kept once (a redelivery changes nothing), audited here, and,
/// when the call's rules do not admit it, rejected at once with the reason sent back to the applicant's home hub.
/// </summary>
public sealed partial class ApplicationEndorsedConsumer(
    HubWrites writes, CallStore calls, IOptions<HubOptions> hub, TimeProvider clock, ILogger<ApplicationEndorsedConsumer> logger)
    : IConsumer<ComputeApplicationEndorsed>
{
    public async Task Consume(ConsumeContext<ComputeApplicationEndorsed> context)
    {
        context.ThrowUnlessArrivedThrough(HubQueues.DecisionExchange);
        var message = context.Message;
        var self = hub.Value;
        if (!self.IsFacility || message.FacilityId != self.Id)
        {
            LogNotForUs(logger, message.MessageId, message.HubId);
            return;
        }

        var now = clock.GetUtcNow();
        var senderKind = context.TryGetPayload<VerifiedSender>(out var sender) ? sender.MemberKind : null;
        if (ApplicationArrivalCheck.Forgery(message, self.Id, senderKind, now) is { } forgery)
        {
            LogRefused(logger, message.MessageId, message.HubId, forgery);
            throw new InvalidMessageException($"Application {message.Application?.Id} from '{message.HubId}' refused: {forgery}.");
        }

        var application = message.Application;
        var call = await calls.FindAsync(application.CallId, self.Id, context.CancellationToken);
        var refusal = ApplicationArrivalCheck.Refusal(application, call, now);
        await using var work = await writes.BeginAsync(context.CancellationToken);
        if (!await ReceivedStore.TryInsertAsync(application, refusal is null ? ReceivedApplication.Received : ComputeApplication.Rejected, refusal, now, work,
            context.CancellationToken))
        {
            return;
        }

        var actor = new AuditActor("hub", message.HubId, message.HubId, "endorsement");
        await work.AuditAsync(new AuditEntry("compute-application.received", refusal is null ? "done" : "refused", actor, application.CallId,
            application.Id.ToString(), Details: new Dictionary<string, string?> { ["reason"] = refusal }), context.CancellationToken);
        if (call is not null)
        {
            // Counted in the open accounting once received; one the rules refuse is decided at once.
            await Ledger.AddAsync(now, Ledger.Of(application, call.AccessMode),
                refusal is null ? [(Ledger.Applications, 1)] : [(Ledger.Applications, 1), (Ledger.Decisions, 1), (Ledger.DecisionDays, Ledger.DaysBetween(application.SubmittedAt, now))],
                work, context.CancellationToken);
        }

        if (refusal is not null)
        {
            await work.SendAsync(new ComputeApplicationDecided(Guid.CreateVersion7(), self.Id, application.HubId, application.Id, ComputeApplication.Rejected,
                refusal, null, now), context.CancellationToken);
        }

        await work.CommitAsync(context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Application message {MessageId} from {HubId} is not for this facility; ignored")]
    private static partial void LogNotForUs(ILogger logger, Guid messageId, string hubId);

    [LoggerMessage(LogLevel.Warning, "Application message {MessageId} from {HubId} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string hubId, string problem);
}
