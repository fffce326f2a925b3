using Federation.ServiceDefaults.Health;
using Federation.ServiceDefaults.Hosting;
using Federation.ServiceDefaults.Logging;
using Federation.ServiceDefaults.OpenApi;
using Federation.ServiceDefaults.Problems;
using Federation.ServiceDefaults.RateLimiting;
using Federation.ServiceDefaults.Security;
using Federation.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;


namespace Federation.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Logging, telemetry, problem details, health checks and rate limits (their rules per service), the same in every service.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddFederationLogging(serviceName);
        builder.AddFederationTelemetry(serviceName);
        builder.AddFederationProblemDetails();
        builder.AddApiReference();
        builder.Services.AddHealthChecks();
        builder.AddFederationRateLimits();
        // API bodies are small JSON documents; endpoints that take files raise their own limit.
        var maxBody = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 256 * 1024;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseSecurityHeaders(context => ApiReference.IsReferencePage(context.Request.Path) ? ApiReference.PagePolicy : SecurityHeaders.ApiPolicy, "no-referrer");
        app.UseFederationProblemDetails();
        app.UseFederationRequestLogging();
        app.MapFederationHealthEndpoints();
        app.MapApiReference();
        return app;
    }
}
