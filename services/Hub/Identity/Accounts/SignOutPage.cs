using System.Text.Encodings.Web;
using Federation.Hub.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Signing out of the hub: a page that asks, and a post that only a form of that page can make (antiforgery), so that
/// another site can neither sign people out behind their backs nor make them believe they were.
/// </summary>
public static class SignOutPage
{
    public const string Path = "/account/sign-out";

    public static IEndpointRouteBuilder MapSignOutPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub) => Ask(http, antiforgery, hub.Value))
            .WithTags("Sign-in").ExcludeFromDescription();
        app.MapPost(Path, SignOutAsync).WithTags("Sign-in").ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub)
    {
        // Checked here rather than by the middleware, so that a refusal is a page in words, not an empty 400.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return AccountPage.Render(http, $"Sign out · {hub.Value.DisplayName}",
                """<h1>Not signed out</h1><p class="error" role="alert">This request did not come from the hub's own sign-out page. Nothing changed.</p>""" +
                $"""<p><a href="{Path}">Sign out here</a></p>""", StatusCodes.Status400BadRequest);
        }

        await http.SignOutAsync(MemberSession.Scheme);
        return Results.Redirect("/account/sign-in");
    }

    private static IResult Ask(HttpContext http, IAntiforgery antiforgery, HubOptions hub)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var body = $"""
            <h1>Sign out of {html.Encode(hub.DisplayName)}?</h1>
            <p>Applications you signed in to through this hub keep their own sessions until you sign out there.</p>
            <form method="post" action="{Path}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <button type="submit">Sign out</button>
            </form>
            """;
        return AccountPage.Render(http, $"Sign out · {hub.DisplayName}", body);
    }
}
