using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Federation.Portal.Forwarding;

public static class ForwardingExtensions
{
    /// <summary>Calls of this client carry the address of the person the portal acts for (<see cref="ForwardedForHandler"/>).</summary>
    public static IHttpClientBuilder ForwardingTheCaller(this IHttpClientBuilder client)
    {
        client.Services.AddHttpContextAccessor();
        client.Services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.Section);
        client.Services.TryAddTransient<ForwardedForHandler>();
        return client.AddHttpMessageHandler<ForwardedForHandler>();
    }
}
