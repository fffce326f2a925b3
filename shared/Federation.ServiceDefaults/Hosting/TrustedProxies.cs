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

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
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
            options.KnownIPNetworks.Add(network);
            // A dual-stack listener sees an IPv4 proxy as ::ffff:a.b.c.d; the middleware compares addresses as they come.
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                options.KnownIPNetworks.Add(new System.Net.IPNetwork(network.BaseAddress.MapToIPv6(), network.PrefixLength + 96));
            }
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
