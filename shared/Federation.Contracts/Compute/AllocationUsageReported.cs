namespace Federation.Contracts.Compute;

/// <summary>
/// A facility tells an applicant's home hub (routed by <see cref="HubId"/>) how much of an allocation is used, after
/// each import of its scheduler's accounting. Totals, not increments, with a growing version: a repeat or a report
/// overtaken by a newer one changes nothing.
/// </summary>
public sealed record AllocationUsageReported(
    Guid MessageId,
    string FacilityId,
    string HubId,
    Guid ApplicationId,
    Guid AllocationId,
    AllocationUsage Usage) : ISignedMessage
{
    string ISignedMessage.SignerId => FacilityId;
}
