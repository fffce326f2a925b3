using System.ComponentModel.DataAnnotations;

namespace Federation.ServiceDefaults.RateLimiting;

/// <summary>
/// Rate limits of a service, by endpoint (section <c>RateLimits</c>). Each rule counts requests in fixed windows, per
/// client IP and per client (who the request says it is), and answers 429 with Retry-After once either is spent.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    public Dictionary<string, RateLimitRule> Rules { get; set; } = [];
}

/// <summary>One limited endpoint: its path (<c>*</c> stands for one segment), its method, and its limits per window.</summary>
public sealed class RateLimitRule
{
    [Required]
    public string Path { get; set; } = "";

    public string? Method { get; set; }

    /// <summary>Requests per window from one IP address; 0 for no limit by address.</summary>
    [Range(0, int.MaxValue)]
    public int PerIp { get; set; }

    /// <summary>Requests per window from one client; 0 for no limit by client.</summary>
    [Range(0, int.MaxValue)]
    public int PerClient { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Who the client is: <c>user</c> (the token's client and subject), or <c>form:NAME</c> (a field of the posted
    /// form, such as the OAuth client_id of a token request or the username of a sign-in).
    /// </summary>
    public string ClientFrom { get; set; } = "user";

    /// <summary>A higher (or lower) per-client limit for named clients, such as the portal acting for everyone.</summary>
    public Dictionary<string, int> ClientOverrides { get; set; } = [];
}
