using Federation.Hub.Feed;
using Federation.Hub.Writes;

namespace Federation.Hub.Faults;

/// <summary>
/// The fault suite's hooks. Only when the test launcher sets <c>Hub:FaultInjection</c> (and only in Development) are
/// the commit step and the feed publisher wrapped in the decorators of this folder and the <c>/_faults</c> switches
/// mapped. Without it nothing of this folder is registered: the production path holds no fault branches.
/// </summary>
public static class FaultInjectionSetup
{
    private static bool IsOn(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && configuration.GetValue<bool>("Hub:FaultInjection");

    /// <summary>Call after the features that register <see cref="ICommitStep"/> and <see cref="IFeedPublisher"/>.</summary>
    public static WebApplicationBuilder AddFaultInjection(this WebApplicationBuilder builder)
    {
        if (!IsOn(builder.Environment, builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddSingleton<FaultInjection>();
        services.Decorate<ICommitStep>((provider, inner) => ActivatorUtilities.CreateInstance<CrashAfterCommit>(provider, inner));
        services.Decorate<IFeedPublisher>((provider, inner) => ActivatorUtilities.CreateInstance<FaultyFeedPublisher>(provider, inner));
        return builder;
    }

    public static WebApplication MapFaultInjection(this WebApplication app)
    {
        if (!IsOn(app.Environment, app.Configuration))
        {
            return app;
        }

        var faults = app.MapGroup("/_faults").ExcludeFromDescription();
        faults.MapPost("/drop-next-publishes/{count:int}", (int count, FaultInjection switches) =>
        {
            switches.DropNextPublishes(count);
            return TypedResults.NoContent();
        });
        faults.MapPost("/crash-after-next-commit", (FaultInjection switches) =>
        {
            switches.CrashAfterNextCommit();
            return TypedResults.NoContent();
        });
        faults.MapPost("/scramble-next-batches/{count:int}", (int count, FaultInjection switches) =>
        {
            switches.ScrambleNextBatches(count);
            return TypedResults.NoContent();
        });
        return app;
    }
}
