using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Federation.ServiceDefaults.Health;

public static class FederationHealthEndpoints
{
    /// <summary>
    /// /health/live answers while the process runs; /health/ready only when the checks tagged "ready" pass
    /// (database, broker), which is what the run script and orchestrators wait on.
    /// </summary>
    public static WebApplication MapFederationHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
