using System.Net.Http.Headers;
using System.Text.Json;
using Federation.Cli.SignIn;
using Federation.Clients.Hubs;
using Federation.Clients.OAuth;

namespace Federation.Cli.Connection;

/// <summary>
/// A signed-in connection to one hub, its token sent with every call: as the hub's staff client (a client
/// credentials token, kept in memory for this run only), or as the person signed in with <c>federation sign-in</c>
/// (their kept session, refreshed when due).
/// </summary>
public sealed class HubConnection : IDisposable
{
    private HubConnection(HttpClient http)
    {
        Http = http;
        Hub = new HubClient(http);
    }

    public HttpClient Http { get; }

    /// <summary>The hub's API, typed; the token travels as the client's default Authorization header.</summary>
    public HubClient Hub { get; }

    public static async Task<HubConnection> SignInAsync(HubSettings settings, HttpMessageHandler handler, CancellationToken cancellationToken)
    {
        var http = new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = settings.HubUrl;
        http.Timeout = TimeSpan.FromMinutes(10);
        if (!settings.AsStaffClient)
        {
            try
            {
                var session = PersonSession.Load(settings.HubUrl)
                    ?? throw new SignInFailedException($"Nobody is signed in at {settings.HubUrl}: run 'federation sign-in', or set FEDERATION_CLIENT_ID "
                                                       + "and FEDERATION_CLIENT_SECRET for the hub's staff client.");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubTokens.AccessTokenAsync(http, session, cancellationToken));
                return new HubConnection(http);
            }
            catch
            {
                http.Dispose();
                throw;
            }
        }

        var answer = await new OAuthClient(http, OAuthEndpoints.OfHub(settings.HubUrl), settings.Client, settings.ClientSecret).ClientCredentialsAsync(cancellationToken: cancellationToken);
        if (!answer.Succeeded)
        {
            http.Dispose();
            throw new SignInFailedException($"The hub refused to sign in '{settings.Client}' ({answer.Refusal.Status}).");
        }

        var token = answer.Tokens.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new HubConnection(http);
    }

    public void Dispose() => Http.Dispose();
}

public sealed class SignInFailedException(string message) : Exception(message);
