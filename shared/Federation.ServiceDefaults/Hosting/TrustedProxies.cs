using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Federation.ServiceDefaults.Hosting;

/// <summary>
/// The one list of proxies a service believes (<c>Proxy:TrustedNetworks</c>: addresses or CIDR networks — the portal,
/// an ingress controller, the pod network). From them only, ASP.NET Core's forwarded-headers middleware takes the
/// caller's scheme (X-Forwarded-Proto, so an issuer's "HTTPS only" checks hold behind an ingress that ends TLS) and
/// the caller's address (the last X-Forwarded-For entry, the one the proxy itself saw). Everything after it — rate
/// limits, logs, the portal's own forwarding — reads <c>Connection.RemoteIpAddress</c>; anyone else's headers are ignored.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Proxy:TrustedNetworks";

    /// <summary>The rate limiter's own list, which this setting replaced; a deployment that still sets it would silently lose it.</summary>
    public const string RetiredSection = "RateLimits:TrustedProxies";

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Configuration.GetSection(RetiredSection).Exists())
        {
            throw new InvalidOperationException(
                $"{RetiredSection} is no longer read: name the trusted proxies in {Section} instead (in the environment: Proxy__TrustedNetworks__0=…), "
                + $"and remove {RetiredSection}.");
        }

        var networks = app.Configuration.GetSection(Section).Get<string[]>() ?? [];
        if (networks.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedFor,
            // One proxy in front: only the entry it added is its word; what a caller wrote before it is not.
            ForwardLimit = 1,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var entry in networks)
        {
            var network = Parse(entry) ?? throw new InvalidOperationException(
                $"{Section}: '{entry}' is neither an IP address nor a network in CIDR notation.");
            // A dual-stack listener sees an IPv4 proxy as ::ffff:a.b.c.d; the middleware maps such an address back to
            // IPv4 before it compares, so the IPv4 network alone covers both forms.
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>A trusted proxy: one address, or a network in CIDR notation.</summary>
    public static System.Net.IPNetwork? Parse(string entry)
    {
        if (System.Net.IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(entry, out var address)
            ? new System.Net.IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
