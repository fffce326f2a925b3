namespace Federation.Contracts.Compute;

/// <summary>
/// An application for compute as a member sends it to their home hub (POST /me/compute-applications): the call it
/// answers, the project, the accelerator-hours and period asked for, who the applicant's organisation is (type,
/// sector, province, and whether it may be named in the open accounting), the federation's datasets and models it
/// will use, the AI Act risk class of what will be built, and whether personal data will be processed and where.
/// </summary>
public sealed record ApplicationInput(
    string? FacilityId,
    Guid? CallId,
    string? Project,
    string? Summary,
    long? RequestedHours,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    string? OrganisationType,
    string? Sector,
    string? Province,
    bool? NameOrganisationPublicly,
    IReadOnlyList<Hub.ResourceLinkInput?>? Resources,
    string? AiActRiskClass,
    bool? PersonalData,
    IReadOnlyList<string?>? PersonalDataCountries);
