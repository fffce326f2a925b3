namespace Federation.Contracts.Compute;

/// <summary>
/// A home hub sends an application its staff endorsed to the facility that opened the call (on the one-member
/// exchange, routed by <see cref="FacilityId"/>), signed by the home hub: the facility takes the applicant's details
/// from the hub that vouches for them, and from no one else. <see cref="MessageId"/> makes a redelivery harmless.
/// </summary>
public sealed record ComputeApplicationEndorsed(
    Guid MessageId,
    string HubId,
    string FacilityId,
    ComputeApplication Application,
    DateTimeOffset EndorsedAt) : ISignedMessage
{
    string ISignedMessage.SignerId => HubId;
}
