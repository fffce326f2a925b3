namespace Federation.Contracts.Compute;

/// <summary>
/// A facility's decision on an application, sent to the applicant's home hub alone (routed by <see cref="HubId"/>),
/// signed by the facility: awarded with the allocation, or rejected with the reason. The home hub keeps it and tells
/// the applicant. <see cref="MessageId"/> makes a redelivery harmless.
/// </summary>
public sealed record ComputeApplicationDecided(
    Guid MessageId,
    string FacilityId,
    string HubId,
    Guid ApplicationId,
    string Decision,
    string? Reason,
    ComputeAllocationGrant? Allocation,
    DateTimeOffset DecidedAt) : ISignedMessage
{
    string ISignedMessage.SignerId => FacilityId;
}
