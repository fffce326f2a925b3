namespace Federation.Contracts.Compute;

/// <summary>
/// One of a member's allocations as their home hub shows it: where, for which project, the quota and how much of it
/// is used and left, the energy its jobs took, until when it runs, and the warning it has reached (80 or 100 per cent).
/// </summary>
public sealed record MemberAllocation(
    Guid ApplicationId,
    string FacilityId,
    string CallTitle,
    string Project,
    ComputeAllocationGrant Allocation,
    decimal UsedHours,
    decimal LeftHours,
    decimal EnergyKwh,
    long Jobs,
    DateTimeOffset? UsageReportedAt,
    int? Warning)
{
    public static MemberAllocation Of(ComputeApplication application)
    {
        var grant = application.Allocation ?? throw new ArgumentException("The application has no allocation.", nameof(application));
        var used = application.Usage?.AcceleratorHours ?? 0;
        var share = application.Usage?.ShareOf(grant.Hours) ?? 0;
        return new MemberAllocation(application.Id, application.FacilityId, application.CallTitle, application.Project, grant, used,
            Math.Max(0, grant.Hours - used), application.Usage?.EnergyKwh ?? 0, application.Usage?.Jobs ?? 0, application.Usage?.ReportedAt,
            share >= 1 ? 100 : share >= 0.8m ? 80 : null);
    }
}
