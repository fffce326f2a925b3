namespace Federation.Contracts.Compute;

/// <summary>
/// An application as the facility holds it: what the applicant's home hub sent (with its staff's advice), the
/// reviewers' scores, and the facility's decision. <see cref="State"/>: received, awarded or rejected.
/// </summary>
public sealed record ReceivedApplication(
    ComputeApplication Application,
    string State,
    IReadOnlyList<ApplicationReview> Reviews,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Reason,
    Guid? AllocationId)
{
    public const string Received = "received";

    public double? AverageScore => Reviews.Count == 0 ? null : Reviews.Average(review => review.Score);
}
