using Federation.Clients.Catalogue;
using Federation.Clients.Hubs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Federation.Clients.Registration;

/// <summary>Registers the typed clients with the federation's resilience handler (<see cref="FederationResilience"/>).</summary>
public static class ClientRegistration
{
    /// <summary>
    /// <see cref="HubClient"/> as a typed client; <paramref name="configure"/> sets the hub's address. A caller that
    /// talks to several hubs creates the named client <see cref="HubClient.HttpClientName"/>, sets its address, and
    /// makes a <see cref="HubClient"/> over it with the token for that hub.
    /// </summary>
    public static IHttpClientBuilder AddHubClient(
        this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null, Action<HttpStandardResilienceOptions>? resilience = null) =>
        services.AddHttpClient<HubClient>(HubClient.HttpClientName, configure ?? ((_, _) => { })).AddFederationResilience(resilience);

    /// <summary><see cref="CatalogueClient"/> as a typed client; <paramref name="configure"/> sets the catalogue's address.</summary>
    public static IHttpClientBuilder AddCatalogueClient(
        this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null, Action<HttpStandardResilienceOptions>? resilience = null) =>
        services.AddHttpClient<CatalogueClient>(CatalogueClient.HttpClientName, configure ?? ((_, _) => { })).AddFederationResilience(resilience);
}
