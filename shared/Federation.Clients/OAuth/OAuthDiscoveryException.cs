namespace Federation.Clients.OAuth;

/// <summary>An issuer's discovery document or keys could not be read, or were not trustworthy; nothing of it is used.</summary>
public sealed class OAuthDiscoveryException(Uri issuer, string reason, Exception? inner = null)
    : Exception($"The OpenID provider {issuer} cannot be used: {reason}", inner)
{
    public Uri Issuer { get; } = issuer;

    public string Reason { get; } = reason;
}
