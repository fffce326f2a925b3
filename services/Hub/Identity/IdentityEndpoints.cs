using Federation.Hub.Membership;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Server;
using Federation.Hub.Identity.Upstream;

namespace Federation.Hub.Identity;

public static class IdentityEndpoints
{
    /// <summary>The sign-in pages (password, institution, second factor, its enrolment), sign-out and OpenIddict's passthrough endpoints; discovery and JWKS are served by OpenIddict itself.</summary>
    public static IEndpointRouteBuilder MapFederatedIdentity(this IEndpointRouteBuilder app)
    {
        app.MapSignInPage();
        app.MapInstitutionSignInPage();
        app.MapUpstreamProviders();
        app.MapSecondFactorPage();
        app.MapTwoFactorEnrolmentPage();
        app.MapSecurityPage();
        app.MapPasswordResetPage();
        app.MapSignOutPage();
        app.MapHubMembership();
        var connect = app.MapGroup("/connect").WithTags("OAuth").ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync);
        connect.MapPost("/token", TokenEndpoint.HandleAsync).DisableAntiforgery();
        connect.MapMethods("/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutEndpoint.HandleAsync);
        return app;
    }
}
