using Federation.Clients.Catalogue;
using Federation.Clients.Hubs;

namespace Federation.Testing;

/// <summary>
/// The shared typed clients over a running service's <see cref="ServiceProcess.Http"/>, the way the portal and the
/// command line talk to the hubs and the catalogue: no resilience handler, so a spec or a benchmark sees every answer
/// as it came.
/// </summary>
public static class ServiceClients
{
    /// <summary>
    /// The hub's API as its staff: the hub's service client, signed in with client credentials. Over
    /// <paramref name="http"/> where given (to the same hub, e.g. with a longer time-out for large files).
    /// </summary>
    public static HubClient StaffClient(this ServiceProcess hub, HttpClient? http = null) =>
        new(http ?? hub.Http, async _ => (await hub.StaffAuthorizationAsync()).Parameter);

    /// <summary>The hub's API with a member's or a guest's bearer token, or anonymously without one.</summary>
    public static HubClient HubClient(this ServiceProcess hub, string? accessToken = null) =>
        new HubClient(hub.Http).WithAccessToken(accessToken);

    public static CatalogueClient CatalogueClient(this ServiceProcess catalogue) => new(catalogue.Http);
}
