using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// An entity's own federation keys, read from PKCS#8 PEM files: the first signs, all are published, so that during a
/// rollover the next key is known before it signs and the previous one still checks what it signed.
/// </summary>
public sealed class FederationKeyRing : IDisposable
{
    private readonly List<FederationKey> keys;

    private FederationKeyRing(List<FederationKey> keys) =>
        this.keys = keys.Count > 0 ? keys : throw new InvalidOperationException("No federation key is configured; nothing can be signed.");

    public FederationKey Signing => keys[0];

    public IReadOnlyList<JsonWebKey> Published => [.. keys.Select(key => key.PublicKey)];

    public static FederationKeyRing FromFiles(IEnumerable<string> paths) => new([.. paths.Select(path => FederationKey.FromPem(File.ReadAllText(path)))]);

    /// <summary>A ring of one new key, for a process that was given none and whose signatures nobody else trusts (Development only).</summary>
    public static FederationKeyRing Ephemeral() => new([FederationKey.Generate()]);

    public void Dispose()
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
