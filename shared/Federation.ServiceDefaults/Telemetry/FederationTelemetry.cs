using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Federation.ServiceDefaults.Telemetry;

public static class FederationTelemetry
{
    /// <summary>Every ActivitySource and Meter of the federation's own code is named with this prefix.</summary>
    public const string Prefix = "Federation.";

    /// <summary>
    /// OpenTelemetry traces and metrics, exported over OTLP to whatever collector <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// names (protocol, headers and intervals from the standard <c>OTEL_*</c> settings). Without an endpoint nothing
    /// is registered: spans that nobody collects would only cost the hot path.
    /// A publish is one trace: the hub's API request, the grain call, the feed relay (which takes up the trace the
    /// request left in the feed row), the MassTransit publish and consume, and the catalogue's Marten commit.
    /// </summary>
    public static WebApplicationBuilder AddFederationTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var hubId = builder.Configuration["Hub:Id"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // One service name per hub: in a trace view "hub-brainport" says more than seven alike "hub"s.
                resource.AddService(string.IsNullOrEmpty(hubId) ? serviceName : $"{serviceName}-{hubId}", serviceNamespace: "ai-hub-federation",
                    serviceInstanceId: Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName);
                resource.AddAttributes(string.IsNullOrEmpty(hubId) ? [] : [new KeyValuePair<string, object>("federation.hub", hubId)]);
            })
            .WithTracing(tracing => tracing
                .AddSource(Prefix + "*", "MassTransit", "Marten", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(Prefix + "*", "MassTransit", "Npgsql", "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Whether telemetry is exported at all; work done only to be measured can skip itself when it is not.</summary>
    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    // Probes hit every few seconds and say nothing about the federation's work.
    private static bool IsTraced(HttpContext context) => !context.Request.Path.StartsWithSegments("/health");
}
