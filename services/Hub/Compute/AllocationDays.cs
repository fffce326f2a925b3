using Federation.Contracts.Compute;

namespace Federation.Hub.Compute;

/// <summary>An allocation runs from the start of its first day to the end of its last, both whole (UTC): its end as a moment.</summary>
public static class AllocationDays
{
    public static DateTimeOffset EndOf(ComputeAllocationGrant grant) => new(grant.End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
