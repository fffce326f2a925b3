using Federation.Clients.OAuth;

namespace Federation.Testing;

/// <summary>
/// A demo member signed in at their home hub and a guest token for them at another hub, waiting (up to 30 s) until
/// the hubs' trust lists name each other: a hub offers the scope <c>hub:{target}</c>, and accepts a home token in an
/// exchange, only once it trusts the other hub.
/// </summary>
public static class FederatedSignIn
{
    /// <summary>Signs in at <paramref name="home"/>; with a target hub, the token is also meant for it.</summary>
    public static Task<TokenResponse> AtHomeAsync(ServiceProcess home, string username, string? targetHub = null)
    {
        var scope = targetHub is null ? "openid profile roles" : $"openid profile roles hub:{targetHub}";
        return Eventually.Until(async () =>
        {
            using var browser = HubSignIn.BrowserLikeClient(home.BaseUrl);
            return await HubSignIn.SignInAsync(browser, username, LocalInfrastructure.DemoPassword, scope);
        }, _ => true, TimeSpan.FromSeconds(30), $"{username} to sign in at {home.Name}");
    }

    /// <summary>Exchanges a home token at <paramref name="target"/> for a guest token there.</summary>
    public static Task<TokenResponse> GuestTokenAsync(ServiceProcess target, string homeToken) =>
        Eventually.Until(() => HubSignIn.ExchangeAsync(target.Http, homeToken), _ => true, TimeSpan.FromSeconds(30), $"an exchange at {target.Name}");
}
