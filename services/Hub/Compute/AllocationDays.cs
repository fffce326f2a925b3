using Federation.Contracts.Compute;

namespace Federation.Hub.Compute;

/// <summary>An allocation runs from the start of its first day to the end of its last, both whole (UTC).</summary>
public static class AllocationDays
{
    public static DateTimeOffset StartOf(ComputeAllocationGrant grant) => new(grant.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateTimeOffset EndOf(ComputeAllocationGrant grant) => new(grant.End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
