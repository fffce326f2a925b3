namespace Federation.Hub.Resources;

public static class ResourcesFeature
{
    public static WebApplicationBuilder AddResources(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ResourceStore>();
        builder.Services.AddSingleton<ResourceQueries>();
        builder.Services.AddSingleton<ResourceHistory>();
        builder.Services.AddSingleton<Metadata.TrainingLinkCheck>();
        builder.Services.AddExceptionHandler<StaleResourceExceptionHandler>();
        return builder;
    }
}
