namespace Federation.Contracts.Compute;

/// <summary>
/// A facility's call for applications, as anyone may read it (GET /calls/{id} at the facility): its offer, access
/// mode, capacity and how much of it is awarded, who may apply, the deadline, how many reviewers score each
/// application, the window its allocations run in, and the most one allocation may have (the offer's limit for its access
/// mode). Closed once staff close it or its deadline passes.
/// </summary>
public sealed record ComputeCall(
    Guid Id,
    string FacilityId,
    Guid OfferId,
    string OfferTitle,
    string Title,
    string Description,
    string AccessMode,
    long CapacityHours,
    long AwardedHours,
    IReadOnlyList<string> Eligibility,
    DateTimeOffset Deadline,
    int RequiredReviews,
    DateOnly AllocationStart,
    DateOnly AllocationEnd,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    long? MaxAllocationHours = null)
{
    public long RemainingHours => Math.Max(0, CapacityHours - AwardedHours);

    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && now <= Deadline;
}
