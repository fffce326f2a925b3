using System.Text.Encodings.Web;
using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Security;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// The shell of the hub's few pages for people (sign-in, second factor, sign-out): plain HTML with one inline style and no script.
/// Its Content-Security-Policy allows exactly that style (by hash) and nothing else, so even a value that slipped
/// through encoding could not run or load anything.
/// </summary>
internal static class AccountPage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}" +
        "label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}" +
        "button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px}" +
        ".error{color:#a00000;font-weight:600}" +
        ".key,.codes{font-family:ui-monospace,monospace;font-size:1.1rem;letter-spacing:.05em}.codes{columns:2}";

    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src {SecurityHeaders.StyleHashSource(Style)}; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A page titled <paramref name="title"/> around <paramref name="body"/>, which must already be HTML-encoded where it holds input.</summary>
    public static IResult Render(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var page = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{HtmlEncoder.Default.Encode(title)}</title>
            <style>{Style}</style></head>
            <body>
            {body}
            </body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>A page that only says something: <paramref name="text"/> under <paramref name="title"/>, with a sign-in link if asked.</summary>
    public static IResult Message(HttpContext http, HubOptions hub, string title, string text, int status, bool signIn = false)
    {
        var html = HtmlEncoder.Default;
        var link = signIn ? """<p><a href="/account/sign-in">Sign in</a></p>""" : "";
        return Render(http, $"{title} · {hub.DisplayName}", $"<h1>{html.Encode(title)}</h1><p>{html.Encode(text)}</p>{link}", status);
    }
}
