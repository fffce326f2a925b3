using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Clients.Results;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Federation.Portal.Hubs;

/// <summary>
/// Calls a hub's API for the signed-in member. At the home hub with the member's own token; at any other hub with a
/// guest token that hub issues in exchange for a token the home hub made for it alone (RFC 8693, twice), so that the
/// other hub decides for itself, and records, what a guest from elsewhere may do, and holds nothing it could replay. The portal never holds a hub's data beyond passing it on.
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
    public async Task<HubClient?> ClientForAsync(HttpContext http, string hubId, CancellationToken cancellationToken)
    {
        if (await HomeTokenAsync(http, cancellationToken) is not { } homeToken || http.User.HomeHub() is not { } home
            || await hubs.FindAsync(hubId, cancellationToken) is not { } target)
        {
            return null;
        }

        var token = hubId == home ? homeToken : await GuestTokenAsync(home, target, homeToken, cancellationToken);
        return token is null ? null : new HubClient(HttpClientFor(target.ApiBaseUrl), _ => ValueTask.FromResult<string?>(token));
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
    public async Task<HubClient?> AnonymousClientForAsync(string hubId, CancellationToken cancellationToken) =>
        (await hubs.TrustedHubsAsync(cancellationToken)).Concat(await hubs.TrustedFacilitiesAsync(cancellationToken))
            .FirstOrDefault(hub => hub.HubId == hubId) is { } target
            ? new HubClient(HttpClientFor(target.ApiBaseUrl))
            : null;

    /// <summary>
    /// Calls <paramref name="hubId"/> for the member (signed in: with their token there; otherwise anonymously) and
    /// answers what the hub said. No client (not signed in where it takes that) is a 401, a hub that cannot be reached
    /// a 503, so that a page says so in words instead of failing.
    /// </summary>
    public async Task<ApiResult<T>> CallAsync<T>(
        HttpContext http, string hubId, Func<HubClient, CancellationToken, Task<ApiResult<T>>> call, CancellationToken cancellationToken)
    {
        var client = http.User.IsSignedIn() ? await ClientForAsync(http, hubId, cancellationToken) : await AnonymousClientForAsync(hubId, cancellationToken);
        if (client is null)
        {
            return Failed<T>(HttpStatusCode.Unauthorized);
        }

        var answer = await CallAsync(client, hubId, call, cancellationToken);
        if (answer.Status == HttpStatusCode.Unauthorized && http.User.IsSignedIn() && hubId == http.User.HomeHub() && !http.Response.HasStarted)
        {
            // The home hub no longer honours the member's token (suspended, removed, roles or password changed): the
            // portal's session ends with it, and the next page asks them to sign in again.
            await http.SignOutAsync(MemberSession.Scheme);
            LogSessionEnded(logger, hubId);
        }

        return answer;
    }

    /// <summary>Calls <paramref name="hubId"/> with a client already made; a hub that cannot be reached is a 503.</summary>
    public async Task<ApiResult<T>> CallAsync<T>(
        HubClient client, string hubId, Func<HubClient, CancellationToken, Task<ApiResult<T>>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(client, cancellationToken);
        }
        catch (Exception exception) when (IsUnreachable(exception, cancellationToken))
        {
            LogUnreachable(logger, hubId, exception.Message);
            return Failed<T>(HttpStatusCode.ServiceUnavailable);
        }
    }

    /// <summary>A hub that did not answer: no connection, a timeout, an answer that is not JSON, or a circuit opened by earlier failures.</summary>
    private static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or JsonException or Polly.ExecutionRejectedException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    // The named client carries the portal's handlers: the caller's address for hubs that trust it, and the federation's resilience.
    private HttpClient HttpClientFor(Uri apiBaseUrl)
    {
        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(apiBaseUrl.AbsoluteUri.TrimEnd('/') + "/");
        return client;
    }

    private static ApiResult<T> Failed<T>(HttpStatusCode status) =>
        new(status, default, new ApiProblem((int)status, null, null, new Dictionary<string, string[]>(), new Dictionary<string, JsonElement>()));

    private async Task<string?> GuestTokenAsync(string homeHubId, HubIssuer target, string homeToken, CancellationToken cancellationToken)
    {
        var key = $"guest-token:{target.HubId}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(homeToken)))}";
        if (guestTokens.TryGetValue(key, out string? kept))
        {
            return kept;
        }

        if (await hubs.FindAsync(homeHubId, cancellationToken) is not { } home
            || await ExchangeAsync(home, target, homeToken, cancellationToken) is not var (token, lifetime))
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

    private async Task<(string Token, TimeSpan Lifetime)?> ExchangeAsync(HubIssuer home, HubIssuer target, string homeToken, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await tokens.GuestTokenAsync(home, target, homeToken, cancellationToken);
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

    [LoggerMessage(LogLevel.Warning, "A guest token of {HubId} for a member was refused ({StatusCode})")]
    private static partial void LogExchangeRefused(ILogger logger, string hubId, int statusCode);

    [LoggerMessage(LogLevel.Information, "{HubId} no longer honours the member's token; their portal session ended")]
    private static partial void LogSessionEnded(ILogger logger, string hubId);

    [LoggerMessage(LogLevel.Warning, "{HubId} could not be reached for a member: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string hubId, string reason);
}
