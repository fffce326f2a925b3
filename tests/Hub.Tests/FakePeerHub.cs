using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Contracts.Serialization;
using Federation.Trust;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Hub.Tests;

/// <summary>
/// Another hub and the federation authority, as far as the hub under test can see them over HTTP: a peer issuer with
/// its own RSA key (discovery and JWKS), and an authority (its anchor key made here) whose signed statements vouch for
/// the hub under test and, unless a test suspends it, the peer. Tokens are made here exactly as a peer hub would make
/// them, and then spoiled in the ways an attacker would try.
/// </summary>
public sealed class FakePeerHub : HttpMessageHandler
{
    public const string PeerId = "noord-nederland";
    public static readonly Uri Issuer = new("http://peer.test/");
    public static readonly Uri AuthorityUrl = new("http://authority.test/");

    private readonly RSA key = RSA.Create(2048);
    private readonly FederationKey anchor = FederationKey.Generate();
    private readonly FederationKey peerFederationKey = FederationKey.Generate();
    private volatile bool peerTrusted = true;
    private int listReads;
    private volatile Dictionary<string, object>? discoveryDocument;

    public FakePeerHub(Uri selfIssuer, string selfId)
    {
        SelfIssuer = selfIssuer;
        SelfId = selfId;
        SigningKey = new RsaSecurityKey(key) { KeyId = "peer-key-1" };
    }

    public Uri SelfIssuer { get; }

    public string SelfId { get; }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The settings with which the hub under test trusts this fake's authority, and nothing else.</summary>
    public IReadOnlyDictionary<string, string?> TrustSettings => new Dictionary<string, string?>
    {
        ["Federation:Authority:Url"] = AuthorityUrl.AbsoluteUri,
        ["Federation:Authority:PublicKeys:0"] = anchor.ToPublicPem(),
    };

    /// <summary>How often the hub under test has read the authority's list of members.</summary>
    public int ListReads => Volatile.Read(ref listReads);

    /// <summary>Suspends the peer at the authority (or reinstates it): it is no longer listed, and has no statement.</summary>
    public void SetPeerTrusted(bool trusted) => peerTrusted = trusted;

    /// <summary>From now on the peer's discovery document is changed by <paramref name="change"/>, as a rogue or misconfigured peer's would be.</summary>
    public void ServeDiscovery(Action<Dictionary<string, object>> change)
    {
        var document = Discovery();
        change(document);
        discoveryDocument = document;
    }

    public string Token(Action<SecurityTokenDescriptor>? change = null, IDictionary<string, object>? extraClaims = null, SecurityKey? signWith = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "7d3f0c3a-0000-4000-8000-000000000001",
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["name"] = "Dr. Lotte Visser",
            ["home_hub"] = PeerId,
            ["org_id"] = "rug",
            ["org_name"] = "Rijksuniversiteit Groningen",
            ["org_type"] = "university",
            ["role"] = new[] { "member", "hub-staff" },
        };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer.AbsoluteUri,
            Audience = $"hub:{SelfId}",
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.AddMinutes(10),
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The same claims signed with HMAC, using the peer's public key as the secret: the classic key-confusion attack.</summary>
    public string TokenSignedWithPublicKeyAsSecret()
    {
        var publicKey = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)) { KeyId = "peer-key-1" })));
        var secret = new SymmetricSecurityKey(SHA256.HashData(publicKey)) { KeyId = "peer-key-1" };
        return Token(descriptor => descriptor.SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        // The discovery document and the key set are OpenID's, not the federation's: written with the member names their specs give.
        if (url.GetLeftPart(UriPartial.Path) == "http://authority.test/fetch")
        {
            return Task.FromResult(Statement(Uri.UnescapeDataString(url.Query.TrimStart('?')["sub=".Length..])));
        }

        object? body = url.AbsoluteUri switch
        {
            "http://authority.test/list" => ListedMembers(),
            "http://peer.test/.well-known/openid-configuration" => discoveryDocument ?? Discovery(),
            // The same keys served from elsewhere: only where they are served from may make them untrusted.
            "http://peer.test/.well-known/jwks" or "http://keys.test/.well-known/jwks" => new Dictionary<string, object> { ["keys"] = new[] { PublicJwk() } },
            _ => null,
        };
        var response = body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(body, FederationJson.Options), Encoding.UTF8, "application/json"),
            };
        return Task.FromResult(response);
    }

    private List<string> ListedMembers()
    {
        Interlocked.Increment(ref listReads);
        return [.. Members().Select(member => member.EntityId)];
    }

    protected override void Dispose(bool disposing)
    {
        key.Dispose();
        anchor.Dispose();
        peerFederationKey.Dispose();
        base.Dispose(disposing);
    }

    private static Dictionary<string, object> Discovery() => new()
    {
        ["issuer"] = Issuer.AbsoluteUri,
        ["authorization_endpoint"] = "http://peer.test/connect/authorize",
        ["token_endpoint"] = "http://peer.test/connect/token",
        ["jwks_uri"] = "http://peer.test/.well-known/jwks",
    };

    private List<(string EntityId, MemberMetadata Member)> Members()
    {
        var members = new List<(string, MemberMetadata)> { (EntityIds.Normal(SelfIssuer), new MemberMetadata(SelfId, "self", MemberMetadata.HubKind, SelfIssuer, SelfIssuer)) };
        if (peerTrusted)
        {
            members.Add((EntityIds.Normal(Issuer), new MemberMetadata(PeerId, "peer", MemberMetadata.HubKind, Issuer, Issuer)));
        }

        return members;
    }

    // The authority's statement about a listed member, signed with the anchor key; 404 for anyone else, as the authority answers.
    private HttpResponseMessage Statement(string subject)
    {
        if (Members().FirstOrDefault(member => member.EntityId == subject) is not { Member: { } member })
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var now = DateTimeOffset.UtcNow;
        var statement = new EntityStatement(new Uri(AuthorityUrl.AbsoluteUri.TrimEnd('/')), new Uri(subject), now, now.AddMinutes(5), [peerFederationKey.PublicKey], member, []);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(EntityStatements.Sign(statement, anchor.SigningKey), Encoding.UTF8, "application/entity-statement+jwt") };
    }

    private Dictionary<string, string> PublicJwk()
    {
        var parameters = key.ExportParameters(false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "peer-key-1",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
