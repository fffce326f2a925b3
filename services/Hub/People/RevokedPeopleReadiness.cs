using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Federation.Hub.People;

/// <summary>
/// Not ready until the people this hub refuses have been read once: before that, a suspended person's token would pass.
/// </summary>
internal sealed class RevokedPeopleReadiness(RevokedPeople people) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(people.Loaded
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The suspended and removed people have not been read yet."));
}
