using Federation.ServiceDefaults.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Federation.ServiceDefaults.Hosting;

public static class TrustedProxyScheme
{
    public const string Section = "Proxy:TrustedNetworks";

    /// <summary>
    /// Behind an ingress that terminates TLS, a request arrives as plain HTTP; the ingress says in X-Forwarded-Proto
    /// that the caller used HTTPS. That header is believed only from the addresses or networks listed under
    /// Proxy:TrustedNetworks, so an issuer's "HTTPS only" checks still hold and nobody else can claim a scheme.
    /// <paramref name="believed"/> adds X-Forwarded-For where the service itself needs the caller's address (the
    /// portal, which passes it on); the hubs and the catalogue read that header in their rate limits instead, from
    /// their own list of trusted proxies.
    /// </summary>
    public static WebApplication UseTrustedProxyScheme(this WebApplication app, ForwardedHeaders believed = ForwardedHeaders.XForwardedProto)
    {
        var networks = app.Configuration.GetSection(Section).Get<string[]>() ?? [];
        if (networks.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = believed, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(RateLimitRules.ParseProxy(network)
                ?? throw new InvalidOperationException($"{Section}: '{network}' is neither an IP address nor a network in CIDR notation."));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
