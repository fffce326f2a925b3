namespace Federation.Hub.Writes;

public static class WritesFeature
{
    /// <summary>The hub's unit of work. The fault setup (<c>Faults/</c>) may wrap the commit step; production commits plainly.</summary>
    public static WebApplicationBuilder AddHubWrites(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ICommitStep, TransactionCommit>();
        builder.Services.AddSingleton<HubWrites>();
        return builder;
    }
}
