using Federation.Contracts.Metadata;

namespace Federation.Contracts.Compute;

/// <summary>
/// An application for compute, as the applicant's home hub keeps it and sends it on once its staff endorse it. The
/// applicant is named by their id at home and the name they go by; the organisation by name only with consent for
/// the open accounting (<see cref="NameOrganisationPublicly"/>). <see cref="State"/>: submitted, returned (sent back
/// by home staff with a reason), endorsed (sent to the facility), awarded or rejected (by the facility).
/// </summary>
public sealed record ComputeApplication(
    Guid Id,
    string HubId,
    string ApplicantSubject,
    string ApplicantName,
    string? OrganisationName,
    string FacilityId,
    Guid CallId,
    string CallTitle,
    string Project,
    string Summary,
    long RequestedHours,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string OrganisationType,
    string? Sector,
    string Province,
    bool NameOrganisationPublicly,
    IReadOnlyList<ResourceLink> Resources,
    string AiActRiskClass,
    bool PersonalData,
    IReadOnlyList<string> PersonalDataCountries,
    string State,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    string? Advice = null,
    string? ReturnReason = null,
    DateTimeOffset? EndorsedAt = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionReason = null,
    ComputeAllocationGrant? Allocation = null,
    AllocationUsage? Usage = null)
{
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Endorsed = "endorsed";
    public const string Awarded = "awarded";
    public const string Rejected = "rejected";
}
