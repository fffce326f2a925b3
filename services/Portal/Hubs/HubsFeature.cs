using Federation.Clients.Registration;

namespace Federation.Portal.Hubs;

public static class HubsFeature
{
    /// <summary>
    /// The federation's resilience on the client the gateway calls hubs with (reads retried, changes sent once), one
    /// circuit per hub. The client itself, with its time-out and the caller's address, is registered with sign-in.
    /// </summary>
    public static WebApplicationBuilder AddHubGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HubGateway.HttpClientName).AddFederationResilience();
        builder.Services.AddSingleton<FailureNotices>();
        return builder;
    }
}
