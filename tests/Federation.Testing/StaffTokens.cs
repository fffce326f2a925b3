using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Federation.Testing;

/// <summary>
/// Tokens with which test programs act as a hub's staff: the hub's confidential service client, signed in with
/// client credentials (a real token of the hub, like any automation of its staff would use). Kept until shortly
/// before they expire.
/// </summary>
public static class StaffTokens
{
    private static readonly ConcurrentDictionary<Uri, (string Token, DateTimeOffset Until)> Cache = new();

    public static async Task<AuthenticationHeaderValue> StaffAuthorizationAsync(this ServiceProcess hub)
    {
        if (!Cache.TryGetValue(hub.BaseUrl, out var cached) || cached.Until < DateTimeOffset.UtcNow)
        {
            var token = await HubSignIn.ClientCredentialsAsync(hub.Http, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret);
            cached = (token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn - 60));
            Cache[hub.BaseUrl] = cached;
        }

        return new AuthenticationHeaderValue("Bearer", cached.Token);
    }

    /// <summary>The settings that give a hub the demo accounts and the service client the test programs sign in with.</summary>
    public static IEnumerable<KeyValuePair<string, string>> HubIdentitySettings() =>
    [
        .. LocalMail.HubSettings("hub", "__"),
        new("Identity__SeedDemoAccounts", "true"),
        new("Identity__DemoPassword", LocalInfrastructure.DemoPassword),
        new("Identity__DemoAuthenticatorKey", LocalInfrastructure.DemoAuthenticatorKey),
        new($"Identity__Clients__{LocalInfrastructure.ServiceClientId}__Secret", LocalInfrastructure.ServiceClientSecret),
        new($"Identity__Clients__{LocalInfrastructure.ServiceClientId}__GrantTypes__0", "client_credentials"),
        new($"Identity__Clients__{LocalInfrastructure.ServiceClientId}__Roles__0", "hub-staff"),
    ];
}
