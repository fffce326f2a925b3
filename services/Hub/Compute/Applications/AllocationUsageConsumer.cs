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
/// A facility's report of how much of an allocation is used, kept on the member's application at home: the newest
/// report wins (an older or repeated one changes nothing), and the member is told once when use passes 80 % and once
/// when it reaches 100 %. Only the facility that awarded the allocation may report on it.
/// </summary>
public sealed partial class AllocationUsageConsumer(HubWrites writes, IOptions<HubOptions> hub, TimeProvider clock, ILogger<AllocationUsageConsumer> logger)
    : IConsumer<AllocationUsageReported>
{
    /// <summary>The shares of an allocation at which its member is warned.</summary>
    public static readonly decimal[] WarnAt = [0.8m, 1.0m];

    public async Task Consume(ConsumeContext<AllocationUsageReported> context)
    {
        context.ThrowUnlessArrivedThrough(HubQueues.DecisionExchange);
        var report = context.Message;
        if (report.HubId != hub.Value.Id)
        {
            return;
        }

        var senderKind = SenderKinds.Of(context);
        await using var work = await writes.BeginAsync(context.CancellationToken);
        var application = await ApplicationStore.LockAsync(report.ApplicationId, work, context.CancellationToken);
        if (Problem(report, application, senderKind, clock.GetUtcNow()) is { } problem)
        {
            LogRefused(logger, report.MessageId, report.FacilityId, problem);
            throw new InvalidMessageException($"Usage report {report.MessageId} from '{report.FacilityId}' refused: {problem}.");
        }

        if (application!.Usage is { } held && held.Version >= report.Usage.Version)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var before = application.Usage?.ShareOf(application.Allocation!.Hours) ?? 0;
        var after = report.Usage.ShareOf(application.Allocation!.Hours);
        await ApplicationStore.ReplaceAsync(application with { Usage = report.Usage with { ReportedAt = report.Usage.ReportedAt.ToUniversalTime() }, UpdatedAt = now },
            application.State, work, context.CancellationToken);
        foreach (var threshold in WarnAt.Where(threshold => before < threshold && after >= threshold))
        {
            var percent = (int)(threshold * 100);
            // One notification per threshold and allocation, whichever report crossed it: its id says which.
            await MemberNotifications.AddAsync(ThresholdNotificationId(report.AllocationId, percent), application.ApplicantSubject, report.FacilityId,
                "compute-allocation", $"used-{percent}", application.CallId, application.CallTitle,
                $"{report.Usage.AcceleratorHours:0} of {application.Allocation.Hours} accelerator-hours used.",
                AllocationDays.EndOf(application.Allocation), report.Usage.ReportedAt.ToUniversalTime(), now, work, context.CancellationToken);
            await work.AuditAsync(new AuditEntry($"compute-allocation.used-{percent}", "done", new AuditActor("hub", report.FacilityId, report.FacilityId, "usage report"),
                application.CallId, application.Id.ToString()), context.CancellationToken);
        }

        await work.CommitAsync(context.CancellationToken);
    }

    // The same id for the same allocation and threshold, whichever report crossed it: a second one is no new notification.
    private static Guid ThresholdNotificationId(Guid allocationId, int percent) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{allocationId:N}/used-{percent}"))[..16]);

    private static string? Problem(AllocationUsageReported report, ComputeApplication? application, string? senderKind, DateTimeOffset now)
    {
        if (senderKind is not null && senderKind != Trust.MemberMetadata.FacilityKind)
        {
            return $"'{report.FacilityId}' is a {senderKind}, not a compute facility";
        }

        if (application is not { State: ComputeApplication.Awarded, Allocation: { } allocation } || application.FacilityId != report.FacilityId
            || allocation.AllocationId != report.AllocationId)
        {
            return "no allocation of that facility is held here under that application";
        }

        return report.Usage is not { AcceleratorHours: >= 0, EnergyKwh: >= 0, Jobs: >= 0, Version: > 0 } || report.Usage.ReportedAt > now + SenderVerification.ClockSkew
            ? "the figures are negative or dated in the future"
            : null;
    }

    [LoggerMessage(LogLevel.Warning, "Usage report {MessageId} from {FacilityId} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string facilityId, string problem);
}
