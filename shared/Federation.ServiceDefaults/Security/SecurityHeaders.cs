using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Federation.ServiceDefaults.Security;

/// <summary>
/// The headers every answer of a federation service carries, so that a browser runs nothing the service did not write
/// itself: a Content-Security-Policy (an endpoint that needs another, such as a page with its own style hash, sets
/// its own and keeps it), <c>X-Content-Type-Options: nosniff</c> so a file is never read as a page or a script, and
/// a Referrer-Policy so that addresses (with codes or ids in them) do not leak to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// For an API and its few plain pages: nothing loads at all, nothing may frame it. No <c>form-action</c>: a sign-in
    /// form's redirects end at the client's own address, which a browser would count against it.
    /// </summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Func<HttpContext, string> contentSecurityPolicy, string referrerPolicy) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = contentSecurityPolicy(context);
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = referrerPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>The CSP source that allows exactly one inline <c>&lt;style&gt;</c> element with this content, and no other.</summary>
    public static string StyleHashSource(string style) =>
        $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)))}'";
}
