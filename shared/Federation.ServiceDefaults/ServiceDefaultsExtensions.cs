using Federation.ServiceDefaults.Health;
using Federation.ServiceDefaults.Logging;
using Federation.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Logging, problem details and health checks, the same in every service.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddFederationLogging(serviceName);
        builder.AddFederationProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseFederationProblemDetails();
        app.UseFederationRequestLogging();
        app.MapFederationHealthEndpoints();
        return app;
    }
}
