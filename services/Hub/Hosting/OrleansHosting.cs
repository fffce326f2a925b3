using System.Net;
using Federation.Hub.Hosting.Clustering;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Federation.Hub.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// The hub's Orleans silo. ClusterId and ServiceId are the hub id, so no two hubs ever share grains or state; the
    /// silos of one hub find each other through the membership table in the hub's database, so a hub runs one silo
    /// or several alike. Grains keep their state in that database through <c>ResourceStore</c>, which writes state
    /// and feed entry in one transaction (see docs/architecture.md for why not an IGrainStorage).
    /// </summary>
    public static WebApplicationBuilder AddHubSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HubOptions>(HubOptions.Section);
        builder.Services.AddValidatedOptions<SiloOptions>(SiloOptions.Section);
        var hubId = builder.Configuration.GetValidated<HubOptions>(HubOptions.Section).Id;
        var silo = builder.Configuration.GetValidated<SiloOptions>(SiloOptions.Section);
        // Registered before the silo, so the tables exist when it joins (hosted services start in order).
        builder.Services.AddExceptionHandler<SiloUnavailableExceptionHandler>();
        // The Orleans membership of the hub's silos, written for this project (not Orleans' ADO.NET scripts): one version
        // row per cluster is the optimistic lock every membership change goes through; one row per silo incarnation.
        builder.Services.AddPostgresSchema("hub-cluster", EmbeddedSchema.Steps(typeof(OrleansHosting).Assembly, "Hosting/Clustering"), readinessProbe: "SELECT 1 FROM hub_cluster LIMIT 1");

        builder.Services.AddSingleton<HubTelemetry>();

        builder.UseOrleans(orleans =>
        {
            if (silo.Kubernetes)
            {
                UseKubernetesHosting(orleans, hubId, silo);
            }
            else
            {
                orleans.Configure<EndpointOptions>(options =>
                {
                    options.AdvertisedIPAddress = IPAddress.Parse(silo.AdvertisedAddress);
                    options.SiloPort = silo.SiloPort;
                    options.GatewayPort = silo.GatewayPort;
                });
            }

            orleans.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (hubId, hubId));
            // A span per grain call, in the trace of the request that made it.
            orleans.AddActivityPropagation();
            orleans.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
            orleans.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{SiloOptions.Section}:Membership"));
            orleans.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(30));
            // The contracts carry no Orleans attributes; they cross grain calls as JSON.
            orleans.Services.AddSerializer(serializer =>
                serializer.AddJsonSerializer(type => type.Namespace?.StartsWith("Federation.Contracts", StringComparison.Ordinal) == true));
        });
        return builder;
    }

    /// <summary>
    /// Pod name, pod address and the listening endpoints come from Kubernetes. The pod's orleans/serviceId and
    /// orleans/clusterId labels (passed in as ORLEANS_SERVICE_ID and ORLEANS_CLUSTER_ID) must name this hub: a pod of
    /// one hub configured with another's labels would otherwise take part in the wrong hub's pod watch.
    /// </summary>
    private static void UseKubernetesHosting(ISiloBuilder orleans, string hubId, SiloOptions silo)
    {
        foreach (var variable in new[] { "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" })
        {
            if (Environment.GetEnvironmentVariable(variable) is var value && value != hubId)
            {
                throw new InvalidOperationException($"{variable} is '{value}', but this silo belongs to hub '{hubId}': the pod's orleans/* labels must be the hub id.");
            }
        }

        orleans.UseKubernetesHosting();
        orleans.Configure<EndpointOptions>(options => (options.SiloPort, options.GatewayPort) = (silo.SiloPort, silo.GatewayPort));
    }
}
