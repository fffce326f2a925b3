using Federation.Hub.Compute.Accounting;
using Federation.Hub.Compute.Applications;
using Federation.Hub.Compute.Calls;
using Federation.Hub.Compute.Decisions;
using Federation.Hub.Compute.Usage;
using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Compute;

/// <summary>
/// Compute of the federation's facilities. At a facility: its calls, and the applications hubs send it, reviewed and
/// decided there. At a hub: its members' applications, endorsed or sent back by its staff, and the facilities'
/// decisions on them. The messages between the two travel on the one-member exchange, signed by their sender.
/// </summary>
public static class ComputeFeature
{
    public static WebApplicationBuilder AddCompute(this WebApplicationBuilder builder)
    {
        builder.Services.AddPostgresSchema("hub-compute", EmbeddedSchema.Steps(typeof(ComputeFeature).Assembly, "Compute"), readinessProbe: "SELECT 1 FROM compute_calls LIMIT 1");
        builder.Services.AddSingleton<CallStore>();
        builder.Services.AddSingleton<ReceivedStore>();
        builder.Services.AddSingleton<ApplicationStore>();
        builder.Services.AddSingleton<Facilities>();
        builder.Services.AddSingleton<UsageImport>();
        builder.Services.AddHostedService<Accounting.TransparencyDataset>();
        builder.Services.AddOptions<ComputeOptions>().Bind(builder.Configuration.GetSection(ComputeOptions.Section))
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.SchedulerTimeZoneId, out _), "Compute:SchedulerTimeZoneId must be an IANA time zone such as Europe/Amsterdam.")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapCompute(this WebApplication app)
    {
        if (app.Configuration.GetValidated<HubOptions>(HubOptions.Section).IsFacility)
        {
            app.MapCalls();
            app.MapComputeDecisions();
            app.MapUsage();
            app.MapTransparency();
        }
        else
        {
            app.MapComputeApplications();
        }

        return app;
    }
}
