using System.Net;
using System.Net.Sockets;

namespace Federation.Hub.Harvest;

/// <summary>
/// The addresses a harvest may connect to. Checked on the socket actually opened (not on a name looked up
/// beforehand), so a name that resolves to a public address when registered and to a private one when harvested
/// still cannot reach the hub's own network.
/// </summary>
public static class SourceAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return false;
            }

            // An IPv4 address carried inside an IPv6 one (NAT64 64:ff9b::/96, 6to4 2002::/16, the old IPv4-compatible
            // ::/96) reaches that IPv4 address: it is judged as one.
            var six = address.GetAddressBytes();
            return six switch
            {
                [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => IsPublicIPv4(six.AsSpan(12, 4)),
                [0x20, 0x02, ..] => IsPublicIPv4(six.AsSpan(2, 4)),
                [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => IsPublicIPv4(six.AsSpan(12, 4)),
                _ => true,
            };
        }

        return IsPublicIPv4(address.GetAddressBytes());
    }

    private static bool IsPublicIPv4(ReadOnlySpan<byte> bytes) => bytes[0] switch
    {
        0 or 10 or 127 => false,
        100 when bytes[1] is >= 64 and <= 127 => false, // carrier-grade NAT
        169 when bytes[1] == 254 => false,              // link-local, cloud metadata services
        172 when bytes[1] is >= 16 and <= 31 => false,
        192 when bytes[1] == 168 => false,
        192 when bytes[1] == 0 && bytes[2] == 0 => false, // IETF protocol assignments
        198 when bytes[1] is 18 or 19 => false,         // benchmarking
        >= 224 => false,                                // multicast and reserved
        _ => true,
    };

    /// <summary>A handler whose every connection is refused unless it goes to a public address (or private ones are allowed).</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        // Through a proxy the socket would be the proxy's, and the check would judge the wrong address.
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} is not at a public address; a harvest connects only to public ones.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
