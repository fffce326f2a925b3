namespace Federation.Contracts.Compute;

/// <summary>
/// A call as facility staff open it (POST /calls): which compute offer it gives out, by which access mode, how many
/// accelerator-hours in all, for whom, until when one may apply, how many reviewers score each application, and the
/// window allocations run in. Everything optional here, so the validator can name what is missing.
/// </summary>
public sealed record CallInput(
    Guid? OfferId,
    string? Title,
    string? Description,
    string? AccessMode,
    long? CapacityHours,
    IReadOnlyList<string?>? Eligibility,
    DateTimeOffset? Deadline,
    int? RequiredReviews,
    DateOnly? AllocationStart,
    DateOnly? AllocationEnd);
