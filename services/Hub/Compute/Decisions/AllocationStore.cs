using Dapper;
using Federation.Contracts.Compute;
using Federation.Hub.Writes;

namespace Federation.Hub.Compute.Decisions;

/// <summary>The allocations a facility awarded: each an application's quota of accelerator-hours on one partition.</summary>
public static class AllocationStore
{
    /// <summary>The scheduler account of a new allocation: short enough for Slurm, unique by the random end of its id.</summary>
    public static string AccountFor(Guid allocationId) => "fed-" + allocationId.ToString("N")[^12..];

    public static Task InsertAsync(
        ComputeAllocationGrant grant, ComputeApplication application, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_allocations (id, application_id, call_id, hub_id, applicant_sub, partition, hours, starts_on, ends_on, awarded_at, account)
            VALUES (@AllocationId, @applicationId, @callId, @hubId, @applicantSub, @Partition, @Hours, @Start, @End, @now, @Account)
            """, new
        {
            grant.AllocationId, applicationId = application.Id, callId = application.CallId, hubId = application.HubId, applicantSub = application.ApplicantSubject,
            grant.Partition, grant.Hours, grant.Start, grant.End, now, grant.Account,
        }, work.Transaction, cancellationToken: cancellationToken));
}
