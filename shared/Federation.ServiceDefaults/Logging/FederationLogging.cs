using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Formatting.Compact;

namespace Federation.ServiceDefaults.Logging;

public static class FederationLogging
{
    /// <summary>
    /// Serilog from configuration ("Serilog" section: levels and sinks), every event enriched with the service name
    /// and, in a hub, its id — so the merged logs of seven hubs stay readable. The console gets readable lines
    /// ("Serilog:ConsoleTemplate"), or with "Serilog:Json" one JSON object a line carrying the trace and span id
    /// (@tr, @sp), which is what a container's log collector wants.
    /// </summary>
    public static WebApplicationBuilder AddFederationLogging(this WebApplicationBuilder builder, string serviceName)
    {
        var hubId = builder.Configuration["Hub:Id"];
        var json = builder.Configuration.GetValue<bool>("Serilog:Json");
        var template = builder.Configuration["Serilog:ConsoleTemplate"] ?? "[{Timestamp:HH:mm:ss} {Level:u3}] {Service} {SourceContext}: {Message:lj}{NewLine}{Exception}";
        // preserveStaticLogger: tests host several services in one process; each keeps its own logger.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Enrich.WithProperty("Service", serviceName);
                _ = json
                    ? logger.WriteTo.Console(new CompactJsonFormatter())
                    : logger.WriteTo.Console(outputTemplate: template, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
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
