using System.Security.Claims;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Federation.ServiceDefaults.RateLimiting;

/// <summary>The configured rules, compiled: a path pattern each, and one fixed-window limiter per rule and key.</summary>
public sealed class RateLimitRules : IDisposable
{
    private readonly List<CompiledRule> rules;

    public RateLimitRules(RateLimitOptions options)
    {
        rules = options.Enabled ? [.. options.Rules.Select(rule => new CompiledRule(rule.Key, rule.Value))] : [];
    }

    /// <summary>
    /// The address a request is counted by: the connection's, which the forwarded-headers middleware has already set to
    /// the address a trusted proxy names (<see cref="Hosting.TrustedProxies"/>); nobody else can change it with a header.
    /// </summary>
    public static string AddressOf(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote ? Counted(remote) : "unknown";

    /// <summary>
    /// An IPv4 address as it is; an IPv6 address by its /64 network, which one subscriber usually holds whole (so a
    /// new address per request buys nothing).
    /// </summary>
    private static string Counted(System.Net.IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }

    public CompiledRule? Match(HttpRequest request) => rules.FirstOrDefault(rule => rule.Matches(request));

    public void Dispose()
    {
        foreach (var rule in rules)
        {
            rule.Dispose();
        }
    }

    public sealed class CompiledRule : IDisposable
    {
        private readonly RateLimitRule rule;
        private readonly Regex path;
        private readonly PartitionedRateLimiter<string> limiter;

        // The form field that names the client ("client_id", "username"), or null when a token names it.
        private readonly string? formField;

        public CompiledRule(string name, RateLimitRule rule)
        {
            Name = name;
            this.rule = rule;
            formField = rule.ClientFrom.StartsWith("form:", StringComparison.Ordinal) ? rule.ClientFrom["form:".Length..] : null;
            // Matched against every request's path, so in linear time by construction (no backtracking) rather than under
            // a time limit: a 50 ms limit ran out on a busy machine (a pause of the process, not the pattern), and its
            // RegexMatchTimeoutException, being a TimeoutException, answered requests with "a service is unavailable".
            path = new Regex("^" + string.Join("[^/]+", rule.Path.TrimEnd('/').Split('*').Select(Regex.Escape)) + "/?$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            // One limiter per key ("ip:…" or "client:…"), created on first use and dropped by the runtime when idle.
            limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
                new FixedWindowRateLimiterOptions
                {
                    PermitLimit = LimitOf(key),
                    Window = rule.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }

        public string Name { get; }

        public bool Matches(HttpRequest request) =>
            (rule.Method is null || HttpMethods.Equals(rule.Method, request.Method)) && path.IsMatch(request.Path.Value ?? "");

        /// <summary>Takes one permit by address and one by client; the first refusal is returned, with when to come back.</summary>
        public async Task<(bool Allowed, TimeSpan? RetryAfter)> AcquireAsync(HttpContext http, string ip)
        {
            if (rule.PerIp > 0 && Refused(limiter.AttemptAcquire($"ip:{ip}")) is { } byAddress)
            {
                return (false, byAddress);
            }

            if (rule.PerClient > 0 && await ClientOfAsync(http, ip) is { Length: > 0 } client && Refused(limiter.AttemptAcquire($"client:{client}")) is { } byClient)
            {
                return (false, byClient);
            }

            return (true, null);
        }

        public void Dispose() => limiter.Dispose();

        private int LimitOf(string key) => key.StartsWith("ip:", StringComparison.Ordinal)
            ? rule.PerIp
            : rule.ClientOverrides.TryGetValue(key["client:".Length..].Split('@')[0], out var own) ? own : rule.PerClient;

        // A permit is only counted; nothing waits on it, so the lease is released at once.
        private static TimeSpan? Refused(RateLimitLease lease)
        {
            using (lease)
            {
                return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            }
        }

        /// <summary>
        /// Who the client is. A name the request merely states (a form's client_id or username, a Basic header) is
        /// counted together with the address that states it: otherwise anyone could spend the allowance of a shared
        /// client or lock a person out by naming them. A name a valid token carries is counted on its own.
        /// </summary>
        private async Task<string?> ClientOfAsync(HttpContext http, string ip)
        {
            if (formField is { } field)
            {
                // Read asynchronously here and kept by ASP.NET Core, so the endpoint reads the same form again for free.
                var stated = http.Request.HasFormContentType
                    ? (await http.Request.ReadFormAsync(http.RequestAborted))[field].ToString().Trim().ToLowerInvariant()
                    : "";
                if (stated.Length == 0 && field == "client_id")
                {
                    stated = BasicClientId(http.Request) ?? "";
                }

                return stated.Length == 0 ? null : $"{stated}@{ip}";
            }

            var user = http.User;
            return user.Identity?.IsAuthenticated == true
                ? $"{user.FindFirstValue("client_id") ?? user.FindFirstValue("azp")}/{user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)}"
                : null;
        }

        /// <summary>The client id of HTTP Basic client authentication (client_secret_basic), if that is how the client signs in.</summary>
        private static string? BasicClientId(HttpRequest request)
        {
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            try
            {
                var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 ? Uri.UnescapeDataString(decoded[..colon]).ToLowerInvariant() : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
