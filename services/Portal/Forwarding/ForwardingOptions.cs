namespace Federation.Portal.Forwarding;

/// <summary>
/// To which services the portal tells the address of the person it acts for (section <c>Forwarding</c>): only to
/// the hosts named in <see cref="TrustedBy"/>, those that list the portal among their trusted proxies and so count
/// each person apart. Nobody else learns members' addresses; by default, nobody does.
/// </summary>
public sealed class ForwardingOptions
{
    public const string Section = "Forwarding";

    /// <summary>Host names or addresses (without port) of the services that trust the portal's X-Forwarded-For.</summary>
    public List<string> TrustedBy { get; set; } = [];
}
