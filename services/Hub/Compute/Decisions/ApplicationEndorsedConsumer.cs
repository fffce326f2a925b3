using System.Diagnostics.CodeAnalysis;
using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Hub.Audit;
using Federation.Hub.Compute.Accounting;
using Federation.Hub.Compute.Calls;
using Federation.Hub.Hosting;
using Federation.Hub.Writes;
using Federation.ServiceDefaults.Messaging;
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
        var call = message.Application is { } claimed ? await calls.FindAsync(claimed.CallId, self.Id, context.CancellationToken) : null;
        if (ApplicationArrivalCheck.Forgery(message, call, self.Id, SenderKinds.Of(context), now) is { } forgery)
        {
            Refuse(message, forgery);
        }

        var application = message.Application!;
        var refusal = ApplicationArrivalCheck.Refusal(application, call!, now);
        await using var work = await writes.BeginAsync(context.CancellationToken);
        if (!await ReceivedStore.TryInsertAsync(application, refusal is null ? ReceivedApplication.Received : ComputeApplication.Rejected, refusal, now, work,
            context.CancellationToken))
        {
            // A redelivery changes nothing; an id another hub's application holds is no redelivery.
            if (await ReceivedStore.HubOfAsync(application.Id, work, context.CancellationToken) != message.HubId)
            {
                Refuse(message, "its id is another hub's application");
            }

            return;
        }

        var actor = new AuditActor("hub", message.HubId, message.HubId, "endorsement");
        await work.AuditAsync(new AuditEntry("compute-application.received", refusal is null ? "done" : "refused", actor, application.CallId,
            application.Id.ToString(), Details: new Dictionary<string, string?> { ["reason"] = refusal }), context.CancellationToken);
        // Counted in the open accounting once received; one the rules refuse is decided at once (in no time: it waited for no one here).
        await Ledger.AddAsync(now, Ledger.Of(application, call!.AccessMode),
            refusal is null ? [(Ledger.Applications, 1)] : [(Ledger.Applications, 1), (Ledger.Decisions, 1), (Ledger.DecisionDays, 0)], work, context.CancellationToken);
        if (refusal is not null)
        {
            await work.SendAsync(new ComputeApplicationDecided(Guid.CreateVersion7(), self.Id, application.HubId, application.Id, ComputeApplication.Rejected,
                refusal, null, now), context.CancellationToken);
        }

        await work.CommitAsync(context.CancellationToken);
    }

    // To the error queue at once, with the reason: kept as evidence against its sender.
    [DoesNotReturn]
    private void Refuse(ComputeApplicationEndorsed message, string problem)
    {
        LogRefused(logger, message.MessageId, message.HubId, problem);
        throw new InvalidMessageException($"Application {message.Application?.Id} from '{message.HubId}' refused: {problem}.");
    }

    [LoggerMessage(LogLevel.Warning, "Application message {MessageId} from {HubId} is not for this facility; ignored")]
    private static partial void LogNotForUs(ILogger logger, Guid messageId, string hubId);

    [LoggerMessage(LogLevel.Warning, "Application message {MessageId} from {HubId} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string hubId, string problem);
}
