using Federation.Trust;
using Microsoft.Extensions.Options;

namespace Federation.Authority.Statements;

/// <summary>The authority's keys, read from their PEM files at start: the first signs, all are published.</summary>
public sealed class AuthorityKeys : IDisposable
{
    private readonly List<FederationKey> keys;

    public AuthorityKeys(IOptions<AuthorityOptions> options)
    {
        keys = [.. options.Value.SigningKeyFiles.Select(path => FederationKey.FromPem(File.ReadAllText(path)))];
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("Authority:SigningKeyFiles names no key; the authority cannot sign anything.");
        }
    }

    public FederationKey Signing => keys[0];

    public IReadOnlyList<Microsoft.IdentityModel.Tokens.JsonWebKey> Published => [.. keys.Select(key => key.PublicKey)];

    public void Dispose()
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
