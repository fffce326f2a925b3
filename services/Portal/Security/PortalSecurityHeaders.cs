using Federation.ServiceDefaults.Security;

namespace Federation.Portal.Security;

public static class PortalSecurityHeaders
{
    /// <summary>
    /// The portal's pages load only the portal's own scripts, styles and images, and post only to the portal: text a
    /// hub or a user wrote (titles, descriptions, snippets) can never become script on the portal's origin, even if it
    /// slipped past encoding. The JSON-LD in the page head is data, not script, and is not affected.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) =>
        app.UseSecurityHeaders(_ => ContentSecurityPolicy, "same-origin");
}
