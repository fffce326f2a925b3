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
        }

        return app;
    }
}
