using Federation.ServiceDefaults.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Federation.ServiceDefaults.Membership;

public static class MembershipRegistration
{
    /// <summary>
    /// The federation's members as the authority vouches for them (<see cref="FederationMembers"/>), read again in the
    /// background; a node that registers an <see cref="IMembershipStore"/> keeps them across restarts.
    /// </summary>
    public static WebApplicationBuilder AddFederationMembership(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MembershipOptions>(MembershipOptions.Section);
        builder.Services.AddSingleton<FederationMembers>();
        builder.Services.AddHostedService<MembershipRefresher>();
        builder.Services.AddHttpClient(MembershipRefresher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
