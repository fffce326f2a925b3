namespace Federation.Hub.Faults;

public static class FaultInjectionEndpoints
{
    public static WebApplicationBuilder AddFaultInjection(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FaultInjection>();
        return builder;
    }

    /// <summary>
    /// Maps the switches only in Development and only when the configuration asks for them (tests do; the run
    /// script never does).
    /// </summary>
    public static WebApplication MapFaultInjection(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Hub:FaultInjection"))
        {
            app.MapPost("/_faults/drop-next-publishes/{count:int}", (int count, FaultInjection faults) =>
            {
                faults.DropNextPublishes(count);
                return TypedResults.NoContent();
            });
            app.MapPost("/_faults/crash-after-next-commit", (FaultInjection faults) =>
            {
                faults.CrashAfterNextCommit();
                return TypedResults.NoContent();
            });
            app.MapPost("/_faults/scramble-next-batches/{count:int}", (int count, FaultInjection faults) =>
            {
                faults.ScrambleNextBatches(count);
                return TypedResults.NoContent();
            });
        }

        return app;
    }
}
