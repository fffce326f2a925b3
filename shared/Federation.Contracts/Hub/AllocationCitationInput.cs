namespace Federation.Contracts.Hub;

/// <summary>
/// The compute allocation a model was trained under, as staff cite it on its model card: the facility and the
/// allocation's id there (as the member's "my compute" page shows it, facility/allocation-id).
/// </summary>
public sealed record AllocationCitationInput(string? FacilityId, Guid? AllocationId);
