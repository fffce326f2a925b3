using System.Security.Claims;
using Federation.Clients.OAuth;
using Federation.Portal.Hubs;
using Federation.Portal.Navigation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Federation.Portal.SignIn;

/// <summary>
/// Sign-in at the hub a person chooses, with the authorization code flow and PKCE (S256): the hub checks the
/// password, the portal gets the code back, trades it for tokens with the shared OAuth client, checks the identity
/// token against the keys of the hub the trust list names (issuer, audience, signature, lifetime, nonce), and keeps the
/// tokens in its session. Sign-out ends the portal session.
/// </summary>
public static partial class SignInEndpoints
{
    public static WebApplication MapPortalSignIn(this WebApplication app)
    {
        app.MapGet("/sign-in/{hubId}", StartAsync).ExcludeFromDescription();
        app.MapGet("/signin-oidc", CompleteAsync).ExcludeFromDescription();
        app.MapPost("/sign-out", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // A form of the portal's own pages only: another site must not be able to sign people out.
            if (!await antiforgery.IsGenuineFormAsync(http))
            {
                return Results.BadRequest();
            }

            await http.SignOutAsync(MemberSession.Scheme);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> StartAsync(string hubId, string? returnUrl, HttpContext http, HubIssuers hubs,
        IDataProtectionProvider protection, IOptions<SignInOptions> options, CancellationToken cancellationToken)
    {
        if (await hubs.FindAsync(hubId, cancellationToken) is not { } issuer)
        {
            return Results.LocalRedirect("/sign-in?problem=unavailable");
        }

        var pending = PendingSignIn.Start(hubId, LocalUrl.OrHome(returnUrl));
        pending.Save(http, protection);
        // The home token is meant for the home hub only: for another hub the portal asks the home hub, when the member
        // acts there, for a token meant for that hub alone (GuestTokenExchange), so no hub can replay it elsewhere.
        var scopes = new[] { "openid", "profile", "roles", "offline_access" };
        return Results.Redirect(pending.Request.Url(issuer.AuthorizationEndpoint, options.Value.ClientId, options.Value.RedirectUri, scopes).AbsoluteUri);
    }

    private static async Task<IResult> CompleteAsync(string? code, string? state, string? error, HttpContext http, HubIssuers hubs,
        IDataProtectionProvider protection, MemberTokens tokens, IOptions<SignInOptions> options, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SignInEndpoints));
        var pending = PendingSignIn.Take(http, protection);
        if (pending is null || state != pending.State)
        {
            return Results.LocalRedirect("/sign-in?problem=expired");
        }

        if (error is not null || code is null)
        {
            return Results.LocalRedirect("/sign-in?problem=refused");
        }

        if (await hubs.FindAsync(pending.HubId, cancellationToken) is not { } issuer)
        {
            return Results.LocalRedirect("/sign-in?problem=unavailable");
        }

        var answer = await hubs.ClientAt(issuer).RedeemCodeAsync(code, pending.Request, options.Value.RedirectUri, cancellationToken);
        if (!answer.Succeeded)
        {
            LogTokenRefused(logger, pending.HubId, answer.Refusal.Status);
            return Results.LocalRedirect("/sign-in?problem=refused");
        }

        // Keys read before the hub rolled them do not hold the new one; they are read again (at most every 30 s).
        if (IdentityTokens.UnverifiedKeyId(answer.Tokens.IdToken) is { } keyId && issuer.Provider.SigningKeys.All(key => key.KeyId != keyId)
            && await hubs.FindAsync(pending.HubId, cancellationToken, keyId) is { } reread)
        {
            issuer = reread;
        }

        var identity = await IdentityTokens.ValidateAsync(answer.Tokens.IdToken, issuer.Provider, options.Value.ClientId, pending.Request);
        if (identity is null)
        {
            LogIdentityTokenRefused(logger, pending.HubId);
            return Results.LocalRedirect("/sign-in?problem=refused");
        }

        var claims = new List<Claim>
        {
            new("sub", identity.Subject),
            new(ClaimTypes.Name, identity.TryGetPayloadValue<string>("name", out var name) ? name : identity.Subject),
            new(MemberSession.HomeHubClaim, issuer.HubId),
            new(MemberSession.HomeHubNameClaim, issuer.DisplayName),
        };
        if (issuer.IsFacility)
        {
            claims.Add(new Claim(MemberSession.FacilityClaim, "true"));
        }

        if (identity.TryGetPayloadValue<string>("org_name", out var organisation))
        {
            claims.Add(new Claim("org_name", organisation));
        }

        claims.AddRange(identity.Claims.Where(claim => claim.Type == "role").Select(claim => new Claim(ClaimTypes.Role, claim.Value)));
        var properties = new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow + options.Value.SessionLifetime };
        tokens.Keep(properties, answer.Tokens);
        await http.SignInAsync(MemberSession.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, MemberSession.Scheme, ClaimTypes.Name, ClaimTypes.Role)), properties);
        LogSignedIn(logger, identity.Subject, issuer.HubId);
        return Results.LocalRedirect(pending.ReturnUrl);
    }

    [LoggerMessage(LogLevel.Warning, "The token endpoint of {HubId} refused the portal's code ({StatusCode})")]
    private static partial void LogTokenRefused(ILogger logger, string hubId, int statusCode);

    [LoggerMessage(LogLevel.Warning, "The identity token from {HubId} did not validate; nobody was signed in")]
    private static partial void LogIdentityTokenRefused(ILogger logger, string hubId);

    [LoggerMessage(LogLevel.Information, "{Subject} of {HubId} signed in to the portal")]
    private static partial void LogSignedIn(ILogger logger, string subject, string hubId);
}
