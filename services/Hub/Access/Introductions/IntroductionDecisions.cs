using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Writes;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Access.Introductions;

/// <summary>
/// Asking for an introduction, and accepting or declining one: the change, its audit record and (for a decision) the
/// message to the requester's home hub, in one transaction. Acceptance carries the offer's contact details.
/// </summary>
public sealed class IntroductionDecisions(HubWrites writes, IOptions<HubOptions> hub, TimeProvider clock)
{
    public async Task<bool> AskAsync(Introduction introduction, AuditActor requester, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        if (!await IntroductionStore.TryInsertAsync(introduction, work, cancellationToken))
        {
            return false;
        }

        await work.AuditAsync(new AuditEntry("introduction.requested", "done", requester, introduction.OfferId, introduction.Id.ToString()), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Accepts or declines a pending request; null when it was decided already.</summary>
    public async Task<Introduction?> DecideAsync(
        Introduction introduction, string decision, string? reason, ResourceSnapshot? offer, AuditActor decider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var contact = decision == "accepted" ? offer?.ContactPoint : null;
        await using var work = await writes.BeginAsync(cancellationToken);
        if (!await IntroductionStore.DecideAsync(introduction.Id, decision, decider.Describe(), reason, now, work, cancellationToken))
        {
            return null;
        }

        await work.AuditAsync(new AuditEntry($"introduction.{decision}", "done", decider, introduction.OfferId, introduction.Id.ToString(),
            Details: new Dictionary<string, string?> { ["requester"] = $"{introduction.RequesterHub}:{introduction.RequesterSubject}", ["reason"] = reason }),
            cancellationToken);
        await work.SendAsync(new DecisionMade(
            Guid.CreateVersion7(), hub.Value.Id, introduction.RequesterHub, introduction.RequesterSubject, "introduction", decision,
            introduction.OfferId, offer?.Title ?? "", reason, null, contact, now), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return introduction with { State = decision, DecidedAt = now, DecidedBy = decider.Describe(), DecisionReason = reason, Contact = contact };
    }
}
