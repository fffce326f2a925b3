using Federation.ServiceDefaults.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Federation.Hub.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// One silo per hub process, its own cluster: ClusterId and ServiceId are the hub id, so no two hubs ever share
    /// grains or state. Grains keep their state in the hub's PostgreSQL database through <c>ResourceStore</c>, which
    /// writes state and feed entry in one transaction (see docs/architecture.md for why not an IGrainStorage).
    /// </summary>
    public static WebApplicationBuilder AddHubSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HubOptions>(HubOptions.Section);
        builder.Services.AddValidatedOptions<SiloOptions>(SiloOptions.Section);
        var hubId = builder.Configuration.GetValidated<HubOptions>(HubOptions.Section).Id;
        var silo = builder.Configuration.GetValidated<SiloOptions>(SiloOptions.Section);

        builder.UseOrleans(orleans =>
        {
            // A single silo per hub needs no membership table; several silos of one hub come with a real provider.
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: hubId, clusterId: hubId);
            orleans.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(30));
            // The contracts carry no Orleans attributes; they cross grain calls as JSON.
            orleans.Services.AddSerializer(serializer =>
                serializer.AddJsonSerializer(type => type.Namespace?.StartsWith("Federation.Contracts", StringComparison.Ordinal) == true));
        });
        return builder;
    }
}
