using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Federation.ServiceDefaults.Hosting;

public static class TrustedProxyScheme
{
    public const string Section = "Proxy:TrustedNetworks";

    /// <summary>
    /// Behind an ingress that terminates TLS, a request arrives as plain HTTP; the ingress says in X-Forwarded-Proto
    /// that the caller used HTTPS. That header is believed only from the networks listed under Proxy:TrustedNetworks
    /// (CIDR), so an issuer's "HTTPS only" checks still hold and nobody else can claim a scheme. Client addresses are
    /// not taken from here: the rate limits have their own list of trusted proxies.
    /// </summary>
    public static WebApplication UseTrustedProxyScheme(this WebApplication app)
    {
        var networks = app.Configuration.GetSection(Section).Get<string[]>() ?? [];
        if (networks.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
