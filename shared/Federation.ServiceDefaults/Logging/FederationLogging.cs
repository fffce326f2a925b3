using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace Federation.ServiceDefaults.Logging;

public static class FederationLogging
{
    /// <summary>
    /// Serilog from configuration ("Serilog" section: levels and sinks), every event enriched with the service name
    /// and, in a hub, its id — so the merged logs of seven hubs stay readable.
    /// </summary>
    public static WebApplicationBuilder AddFederationLogging(this WebApplicationBuilder builder, string serviceName)
    {
        var hubId = builder.Configuration["Hub:Id"];
        // preserveStaticLogger: tests host several services in one process; each keeps its own logger.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Enrich.WithProperty("Service", serviceName);
                if (!string.IsNullOrEmpty(hubId))
                {
                    logger.Enrich.WithProperty("HubId", hubId);
                }
            },
            preserveStaticLogger: true);
        return builder;
    }

    public static WebApplication UseFederationRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information);
        return app;
    }
}
