using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// The federation authority as every node knows it from its own configuration: its entity id and its public keys
/// (two during a rollover). Nothing a peer, the catalogue or the broker says can change it.
/// </summary>
public sealed record TrustAnchor(Uri EntityId, IReadOnlyList<JsonWebKey> Keys)
{
    /// <summary>The anchor of configuration: its entity id and a JWKS document (<c>{"keys":[…]}</c>) of its public keys.</summary>
    public static TrustAnchor Of(Uri entityId, string keySet)
    {
        var keys = new JsonWebKeySet(keySet).Keys.ToList();
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("The federation authority's key set holds no key.");
        }

        if (keys.Any(key => key.HasPrivateKey))
        {
            throw new InvalidOperationException("The federation authority's key set holds a private key; only its public keys belong here.");
        }

        return new TrustAnchor(entityId, keys);
    }

    /// <summary>The anchor of configuration: its entity id and the PEM texts of its public keys.</summary>
    public static TrustAnchor FromPem(Uri entityId, IEnumerable<string> publicKeyPems)
    {
        var keys = publicKeyPems.Select(FederationKey.PublicFromPem).ToList();
        return keys.Count > 0 ? new TrustAnchor(entityId, keys) : throw new InvalidOperationException("The federation authority's public keys are not configured.");
    }
}
