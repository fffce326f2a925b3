using Federation.Contracts.Compute;

namespace Federation.Portal.ComputeAccess;

/// <summary>
/// A call as facility staff open it on the portal. The deadline is a day: applications are taken until the end of it,
/// Dutch time (the facility's). The facility validates; its reasons come back by field and are shown next to each.
/// </summary>
public sealed class CallForm
{
    public Guid? OfferId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? AccessMode { get; set; } = "call";
    public long? CapacityHours { get; set; }
    public string[] Eligibility { get; set; } = [];
    public DateOnly? Deadline { get; set; }
    public int? RequiredReviews { get; set; } = 2;
    public DateOnly? AllocationStart { get; set; }
    public DateOnly? AllocationEnd { get; set; }

    public CallInput ToInput() => new(
        OfferId, Blank(Title), Blank(Description), Blank(AccessMode), CapacityHours, [.. Eligibility], EndOf(Deadline), RequiredReviews, AllocationStart, AllocationEnd);

    private static DateTimeOffset? EndOf(DateOnly? day) => day is { } date ? DutchTime.EndOf(date) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
