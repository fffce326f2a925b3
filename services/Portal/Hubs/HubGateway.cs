using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Portal.SignIn;
using Microsoft.Extensions.Caching.Memory;
using Federation.Contracts.Serialization;

namespace Federation.Portal.Hubs;

/// <summary>
/// Calls a hub's API for the signed-in member. At the home hub with the member's own token; at any other hub with a
/// guest token that hub issues in exchange for it (RFC 8693), so that the other hub decides for itself, and records,
/// what a guest from elsewhere may do. The portal never holds a hub's data beyond passing it on.
/// </summary>
/// <remarks>
/// A guest token is kept in memory for a few minutes (never past its expiry), keyed by a hash of the home token it was
/// exchanged for, so that a page which asks all seven hubs does not cost seven exchanges each time. It carries no
/// permission: each hub still decides every call, so a revoked grant is refused at once.
/// </remarks>
public sealed partial class HubGateway(HubIssuers hubs, MemberTokens tokens, IHttpClientFactory httpClients, IMemoryCache guestTokens, ILogger<HubGateway> logger)
{
    public const string HttpClientName = "hub-gateway";

    private static readonly TimeSpan GuestTokenKeptAtMost = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan GuestTokenMargin = TimeSpan.FromSeconds(30);

    // The gateway lives for one request (scoped), so the home token it holds is that request's.
    private readonly SemaphoreSlim homeTokenRead = new(1, 1);
    private string? requestHomeToken;

    /// <summary>A client for <paramref name="hubId"/>'s API with the member's token there, or null when the member is not signed in or the hub refuses.</summary>
    public async Task<HttpClient?> ClientForAsync(HttpContext http, string hubId, CancellationToken cancellationToken)
    {
        if (await HomeTokenAsync(http, cancellationToken) is not { } homeToken || http.User.HomeHub() is not { } home
            || await hubs.FindAsync(hubId, cancellationToken) is not { } target)
        {
            return null;
        }

        var token = hubId == home ? homeToken : await GuestTokenAsync(target, homeToken, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(target.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The member's home token, read (and refreshed when due) once per request: a page that asks several hubs at once
    /// must not refresh the same refresh token concurrently, nor rewrite the session cookie from several threads.
    /// </summary>
    private async Task<string?> HomeTokenAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await homeTokenRead.WaitAsync(cancellationToken);
        try
        {
            return requestHomeToken ??= await tokens.AccessTokenAsync(http, cancellationToken);
        }
        finally
        {
            homeTokenRead.Release();
        }
    }

    /// <summary>A client for <paramref name="hubId"/>'s API without any token: what anyone may read there (open resources).</summary>
    public async Task<HttpClient?> AnonymousClientForAsync(string hubId, CancellationToken cancellationToken)
    {
        if ((await hubs.TrustedHubsAsync(cancellationToken)).FirstOrDefault(hub => hub.HubId == hubId) is not { } target)
        {
            return null;
        }

        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(target.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/");
        return client;
    }

    /// <summary>Sends <paramref name="body"/> to the hub and reads its answer: the created or returned value, or its reasons.</summary>
    /// <remarks><paramref name="version"/>, when given, goes as If-Match: the hub refuses a change to a resource that changed meanwhile.</remarks>
    public async Task<HubCallResult<T>> SendAsync<T>(HttpContext http, string hubId, HttpMethod method, string path, object? body, CancellationToken cancellationToken,
        int? version = null)
    {
        using var client = http.User.IsSignedIn() ? await ClientForAsync(http, hubId, cancellationToken) : await AnonymousClientForAsync(hubId, cancellationToken);
        if (client is null)
        {
            return new HubCallResult<T>(default, HttpStatusCode.Unauthorized, new Dictionary<string, string[]>(), null);
        }

        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: FederationJson.Options) };
            if (version is { } expected)
            {
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{expected}\""));
            }

            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                // Done, with nothing to say: a value type (JsonElement) reads as success, a reference type as null.
                return new HubCallResult<T>(default, response.StatusCode, new Dictionary<string, string[]>(), null);
            }

            if (response.IsSuccessStatusCode)
            {
                return new HubCallResult<T>(await response.Content.ReadFromJsonAsync<T>(FederationJson.Options, cancellationToken), response.StatusCode,
                    new Dictionary<string, string[]>(), null);
            }

            var (errors, detail) = await ProblemOfAsync(response, cancellationToken);
            return new HubCallResult<T>(default, response.StatusCode, errors, detail);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, hubId, exception.Message);
            return new HubCallResult<T>(default, HttpStatusCode.ServiceUnavailable, new Dictionary<string, string[]>(), null);
        }
    }

    private async Task<string?> GuestTokenAsync(HubIssuer target, string homeToken, CancellationToken cancellationToken)
    {
        var key = $"guest-token:{target.HubId}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(homeToken)))}";
        if (guestTokens.TryGetValue(key, out string? kept))
        {
            return kept;
        }

        if (await ExchangeAsync(target, homeToken, cancellationToken) is not var (token, lifetime))
        {
            return null;
        }

        var keep = lifetime - GuestTokenMargin < GuestTokenKeptAtMost ? lifetime - GuestTokenMargin : GuestTokenKeptAtMost;
        if (keep > TimeSpan.Zero)
        {
            guestTokens.Set(key, token, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = keep, Size = 1 });
        }

        return token;
    }

    private async Task<(string Token, TimeSpan Lifetime)?> ExchangeAsync(HubIssuer target, string homeToken, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await tokens.ExchangeAsync(target, homeToken, cancellationToken);
            if (!answer.Succeeded)
            {
                LogExchangeRefused(logger, target.HubId, answer.Refusal.Status);
                return null;
            }

            return (answer.Tokens.AccessToken, TimeSpan.FromSeconds(answer.Tokens.ExpiresIn));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, target.HubId, exception.Message);
            return null;
        }
    }

    private static async Task<(IReadOnlyDictionary<string, string[]> Errors, string? Detail)> ProblemOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var errors = problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object
                ? fields.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray(), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string[]>();
            return (errors, problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return (new Dictionary<string, string[]>(), null);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{HubId} refused to exchange a member's home token ({StatusCode})")]
    private static partial void LogExchangeRefused(ILogger logger, string hubId, int statusCode);

    [LoggerMessage(LogLevel.Warning, "{HubId} could not be reached for a member: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string hubId, string reason);
}
