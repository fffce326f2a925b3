using Dapper;
using Federation.Contracts.Compute;
using Federation.Hub.Writes;

namespace Federation.Hub.Compute.Decisions;

/// <summary>The allocations a facility awarded: each an application's quota of accelerator-hours on one partition.</summary>
public static class AllocationStore
{
    /// <summary>The scheduler account of a new allocation: short enough for Slurm, unique by the random end of its id.</summary>
    public static string AccountFor(Guid allocationId) => "fed-" + allocationId.ToString("N")[^12..];

    /// <param name="heatReused">Whether the offer's waste heat is reused: the energy of its jobs then counts as heat reused.</param>
    public static Task InsertAsync(
        ComputeAllocationGrant grant, ComputeApplication application, string accessMode, bool heatReused, DateTimeOffset now, HubUnitOfWork work,
        CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_allocations (id, application_id, call_id, hub_id, partition, hours, starts_on, ends_on, awarded_at, account,
                                             province, organisation_type, sector, access_mode, organisation_name, heat_reused)
            VALUES (@AllocationId, @applicationId, @callId, @hubId, @Partition, @Hours, @Start, @End, @now, @Account,
                    @province, @organisationType, @sector, @accessMode, @organisationName, @heatReused)
            """, new
        {
            grant.AllocationId, applicationId = application.Id, callId = application.CallId, hubId = application.HubId,
            grant.Partition, grant.Hours, grant.Start, grant.End, now, grant.Account, province = application.Province,
            organisationType = application.OrganisationType, sector = application.Sector, accessMode,
            organisationName = application.NameOrganisationPublicly ? application.OrganisationName : null, heatReused,
        }, work.Transaction, cancellationToken: cancellationToken));
}
