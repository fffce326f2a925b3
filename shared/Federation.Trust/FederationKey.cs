using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// A member's (or the authority's) federation signing key: ECDSA P-256 (ES256), kept as a PKCS#8 PEM file, named by
/// its RFC 7638 thumbprint so that a key id can never be reused for another key. Only the public half ever leaves
/// its owner, in a statement's <c>jwks</c>.
/// </summary>
public sealed class FederationKey : IDisposable
{
    private readonly ECDsa key;

    private FederationKey(ECDsa key)
    {
        this.key = key;
        var publicKey = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(includePrivateParameters: false))));
        KeyId = Base64UrlEncoder.Encode(publicKey.ComputeJwkThumbprint());
        publicKey.Kid = KeyId;
        publicKey.Alg = SecurityAlgorithms.EcdsaSha256;
        publicKey.Use = "sig";
        PublicKey = publicKey;
    }

    public string KeyId { get; }

    /// <summary>The public half, as a statement publishes it.</summary>
    public JsonWebKey PublicKey { get; }

    /// <summary>The key to sign with, carrying its key id.</summary>
    public SecurityKey SigningKey => new ECDsaSecurityKey(key) { KeyId = KeyId };

    /// <summary>An ES256 signature (IEEE P1363, r‖s) over <paramref name="data"/>, as JWS writes it.</summary>
    public byte[] SignData(byte[] data) => key.SignData(data, HashAlgorithmName.SHA256);

    public static FederationKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>A key from its PKCS#8 PEM text (<c>-----BEGIN PRIVATE KEY-----</c>).</summary>
    public static FederationKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException("A federation key must be an ECDSA P-256 key.");
        }

        return new FederationKey(key);
    }

    public string ToPem() => key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public PEM (<c>-----BEGIN PUBLIC KEY-----</c>) that verifiers are configured with.</summary>
    public string ToPublicPem() => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A public key from its PEM text, as a statement would publish it (same key id as its private twin).</summary>
    public static JsonWebKey PublicFromPem(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException("A federation key must be an ECDSA P-256 key.");
        }

        using var twin = new FederationKey(ECDsa.Create(key.ExportParameters(includePrivateParameters: false)));
        return twin.PublicKey;
    }

    public void Dispose() => key.Dispose();
}
