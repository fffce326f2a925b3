using Federation.ServiceDefaults.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Federation.Hub.Identity.Upstream;

/// <summary>
/// One OpenID Connect scheme per configured provider (ASP.NET Core's handler: authorization code with PKCE, state and
/// nonce kept in this hub's cookies, the ID token checked against the provider's published keys). The outcome goes into
/// Identity's short external cookie; <see cref="InstitutionSignInPage"/> decides what it means at this hub.
/// </summary>
internal static partial class UpstreamSetup
{
    public static string SchemeOf(string providerName) => $"upstream-{providerName}";

    public static string CallbackPathOf(string providerName) => $"/signin-{providerName}";

    public static WebApplicationBuilder AddUpstreamProviders(this WebApplicationBuilder builder, AuthenticationBuilder authentication, string hubId)
    {
        builder.Services.AddValidatedOptions<UpstreamOptions>(UpstreamOptions.Section);
        var upstream = builder.Configuration.GetValidated<UpstreamOptions>(UpstreamOptions.Section);
        foreach (var provider in upstream.Providers)
        {
            authentication.AddOpenIdConnect(SchemeOf(provider.Name), provider.DisplayName, options =>
            {
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.Authority = provider.Authority!.ToString();
                options.RequireHttpsMetadata = provider.Authority.Scheme == Uri.UriSchemeHttps;
                options.ClientId = provider.ClientId;
                options.ClientSecret = provider.ClientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.CallbackPath = CallbackPathOf(provider.Name);
                options.Scope.Clear();
                foreach (var scope in provider.Scopes)
                {
                    options.Scope.Add(scope);
                }

                // The claims as the provider names them (the claim mapping of the configuration reads them so), the
                // e-mail and institution from the user-info endpoint, and no upstream token kept: none ever leaves.
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.ClaimActions.MapAll();
                options.SaveTokens = false;
                options.DisableTelemetry = true;
                // The answer comes back as a top-level GET (query response mode), so the correlation and nonce cookies
                // can be SameSite=Lax; a form post from the provider would need SameSite=None, which browsers send only
                // over TLS, and the local run is plain HTTP on loopback.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }

                options.CorrelationCookie.Name = $"federation-hub-{hubId}-correlation.";
                options.NonceCookie.Name = $"federation-hub-{hubId}-nonce.";
                // Each provider has paths of its own: with shared ones the first scheme would take every provider's calls.
                options.RemoteSignOutPath = $"/signout-{provider.Name}";
                options.SignedOutCallbackPath = $"/signout-callback-{provider.Name}";
                options.Events.OnRemoteFailure = context =>
                {
                    // A refusal at the provider, a tampered or stale callback: back to the sign-in page with a word, never
                    // a 500; and a line for the operator, since a provider misconfigured fails everyone the same way.
                    LogRemoteFailure(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UpstreamSetup)),
                        provider.Name, context.Failure?.GetType().Name ?? "unknown", Loggable(context.Failure?.Message));
                    context.Response.Redirect($"/account/sign-in?upstream=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                options.Events.OnAccessDenied = context =>
                {
                    context.Response.Redirect($"/account/sign-in?upstream=denied");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        return builder;
    }

    // The failure's text can carry what the caller put in the callback's query (an error_description): cut short and
    // on one line, so that nobody writes lines of their own into the hub's log through it.
    private static string Loggable(string? message) =>
        new([.. (message ?? "").Take(300).Select(c => char.IsControl(c) ? ' ' : c)]);

    [LoggerMessage(LogLevel.Warning, "Sign-in with upstream provider {Provider} failed at the callback: {FailureKind}: {Failure}")]
    private static partial void LogRemoteFailure(ILogger logger, string provider, string failureKind, string failure);
}
