using Federation.Clients.OAuth;

namespace Federation.Testing;

/// <summary>
/// A demo member signed in at their home hub, and a guest token for them at another hub got as the portal gets it (a
/// token for that hub alone from the home hub, exchanged there), waiting (up to 30 s) until the hubs' trust lists name
/// each other: a hub issues a token for another hub, and accepts one, only once it trusts the other hub.
/// </summary>
public static class FederatedSignIn
{
    /// <summary>Signs in at <paramref name="home"/>; the token is meant for that hub alone.</summary>
    public static Task<TokenResponse> AtHomeAsync(ServiceProcess home, string username) =>
        Eventually.Until(async () =>
        {
            using var browser = HubSignIn.BrowserLikeClient(home.BaseUrl);
            return await HubSignIn.SignInAsync(browser, username, LocalInfrastructure.DemoPassword, "openid profile roles");
        }, _ => true, TimeSpan.FromSeconds(30), $"{username} to sign in at {home.Name}");

    /// <summary>A guest token at <paramref name="target"/> for the member whose home token of <paramref name="home"/> this is.</summary>
    public static Task<TokenResponse> GuestTokenAsync(ServiceProcess home, ServiceProcess target, string homeToken) =>
        Eventually.Until(() => HubSignIn.ExchangeAsync(home.Http, target.Http, HubIdOf(target), homeToken), _ => true, TimeSpan.FromSeconds(30),
            $"a guest token at {target.Name}");

    /// <summary>The token <paramref name="home"/> issues for <paramref name="target"/> alone.</summary>
    public static Task<TokenResponse> OnwardTokenAsync(ServiceProcess home, ServiceProcess target, string homeToken) =>
        Eventually.Until(() => HubSignIn.OnwardTokenAsync(home.Http, HubIdOf(target), homeToken), _ => true, TimeSpan.FromSeconds(30),
            $"a token of {home.Name} for {target.Name}");

    private static string HubIdOf(ServiceProcess hub) => hub.HubId ?? throw new ArgumentException($"{hub.Name} is not a hub.", nameof(hub));
}
