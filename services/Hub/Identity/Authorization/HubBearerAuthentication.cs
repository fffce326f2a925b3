using System.Security.Claims;
using System.Text.Encodings.Web;
using Federation.Hub.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Federation.Hub.Identity.Authorization;

/// <summary>
/// The hub's API scheme: OpenIddict's validation of this hub's own tokens, remembered per token by
/// <see cref="ValidatedTokens"/>, and refused for people this hub no longer honours (<see cref="RevokedPeople"/>).
/// </summary>
public sealed class HubBearerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokens validated, RevokedPeople revoked)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "hub-bearer";

    private const string NotReadyItem = "hub-bearer.revoked-people-not-read";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (validated.Find(token) is { } known)
        {
            return Honoured(known);
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return result.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(result.Failure ?? new InvalidOperationException("The token was refused."));
        }

        validated.Keep(token, result.Principal, result.Principal.GetExpirationDate());
        return Honoured(result.Principal);
    }

    // A suspended or removed person's token stops working at the next request, whatever its expiry says; so does a
    // token issued before the person's roles or password changed (it may carry roles they no longer hold).
    private AuthenticateResult Honoured(ClaimsPrincipal principal)
    {
        if (CallerIdentity.From(principal) is not { } caller)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }

        // Before the first read of whom the hub refuses (a database away at start-up), it cannot tell: it refuses
        // everyone for a moment rather than honour a suspended person. Readiness keeps traffic away meanwhile.
        if (!revoked.Loaded)
        {
            Context.Items[NotReadyItem] = true;
            return AuthenticateResult.Fail("The hub has not yet read whose membership is suspended or has ended.");
        }

        if (revoked.IsRevoked(caller.HomeHub, caller.HomeSubject))
        {
            return AuthenticateResult.Fail("The person's membership is suspended or has ended.");
        }

        return revoked.IsCutOff(caller.HomeHub, caller.HomeSubject, principal)
            ? AuthenticateResult.Fail("The token predates a change to the person's roles or password; sign in again.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    // 401 with the RFC 6750 header; the body is problem details from the status-code pages. A refusal stays 403.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(NotReadyItem))
        {
            // Not the caller's fault: come back in a moment, and keep the session (a 401 would end a portal's).
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Task.CompletedTask;
    }
}
