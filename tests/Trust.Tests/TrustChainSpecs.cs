using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust.Tests;

/// <summary>
/// Trust chains as every node checks them: the authority's statement about a member, with the authority's configured
/// keys only, and the member's own entity configuration, with a key the authority vouches for. Every way a chain can
/// be spoiled is refused with its reason.
/// </summary>
public sealed class TrustChainSpecs : IDisposable
{
    private static readonly Uri AuthorityId = new("https://authority.federation.example");
    private static readonly Uri HubId = new("https://brainport.example");
    private static readonly MemberMetadata Brainport = new("brainport", "AI-hub Brainport", MemberMetadata.HubKind, HubId, new Uri("https://brainport.example/"));

    private readonly FederationKey authority = FederationKey.Generate();
    private readonly FederationKey hub = FederationKey.Generate();
    private readonly FederationKey stranger = FederationKey.Generate();
    private readonly TimeProvider clock = TimeProvider.System;

    private TrustAnchor Anchor => new(AuthorityId, [authority.PublicKey]);

    [Fact]
    public async Task A_chain_of_the_authoritys_statement_and_the_members_configuration_is_trusted_as_the_authority_describes_it()
    {
        var result = await TrustChains.VerifyAsync(Anchor, AuthorityStatement(), Configuration(), clock);

        Assert.Null(result.Refusal);
        Assert.Equal(Brainport, result.Member!.Member);
        Assert.Equal(hub.KeyId, Assert.Single(result.Member.Keys).Kid);
        Assert.False(Assert.Single(result.Member.Keys).HasPrivateKey);
    }

    [Fact]
    public async Task The_authoritys_statement_alone_is_enough_when_the_member_cannot_be_reached()
    {
        var result = await TrustChains.VerifyAsync(Anchor, AuthorityStatement(), entityConfiguration: null, clock);

        Assert.Equal("brainport", result.Member?.Member.MemberId);
    }

    public static TheoryData<string> Spoilings =>
    [
        "the statement is signed by another key", "the statement names another authority", "the statement has expired",
        "the statement is the member's own", "the configuration is signed by a key the authority does not vouch for",
        "the configuration does not name the authority", "the configuration is about another entity", "the statement is no JWT",
        "the statement's payload was changed",
    ];

    [Theory]
    [MemberData(nameof(Spoilings))]
    public async Task A_spoiled_chain_is_refused_with_its_reason(string spoiling)
    {
        var (statement, configuration) = spoiling switch
        {
            "the statement is signed by another key" => (AuthorityStatement(signWith: stranger), Configuration()),
            "the statement names another authority" => (AuthorityStatement(issuer: new Uri("https://rogue.example")), Configuration()),
            "the statement has expired" => (AuthorityStatement(expiresIn: TimeSpan.FromMinutes(-5)), Configuration()),
            "the statement is the member's own" => (EntityStatements.Sign(new EntityStatement(HubId, HubId, Now, Now.AddHours(1), [hub.PublicKey], Brainport, [AuthorityId]), hub.SigningKey), Configuration()),
            "the configuration is signed by a key the authority does not vouch for" => (AuthorityStatement(), Configuration(signWith: stranger)),
            "the configuration does not name the authority" => (AuthorityStatement(), Configuration(hints: [])),
            "the configuration is about another entity" => (AuthorityStatement(), Configuration(subject: new Uri("https://amsterdam.example"))),
            "the statement is no JWT" => ("abc.def.ghi", Configuration()),
            _ => (Tampered(AuthorityStatement()), Configuration()),
        };

        var result = await TrustChains.VerifyAsync(Anchor, statement, configuration, clock);

        Assert.Null(result.Member);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal));
        Assert.DoesNotContain("Exception", result.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_an_authority_key_rollover_statements_of_either_key_are_trusted()
    {
        using var next = FederationKey.Generate();
        var anchor = new TrustAnchor(AuthorityId, [authority.PublicKey, next.PublicKey]);

        var old = await TrustChains.VerifyAsync(anchor, AuthorityStatement(), Configuration(), clock);
        var rolled = await TrustChains.VerifyAsync(anchor, AuthorityStatement(signWith: next), Configuration(), clock);

        Assert.NotNull(old.Member);
        Assert.NotNull(rolled.Member);
    }

    [Fact]
    public void A_key_set_with_a_private_key_is_refused_as_the_anchor()
    {
        var withPrivate = JsonWebKeyConverter.ConvertFromECDsaSecurityKey((ECDsaSecurityKey)authority.SigningKey);

        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["kty"] = withPrivate.Kty, ["crv"] = withPrivate.Crv, ["x"] = withPrivate.X, ["y"] = withPrivate.Y, ["d"] = withPrivate.D,
        };

        var refused = Record.Exception(() => TrustAnchor.Of(AuthorityId, $$"""{"keys":[{{json.ToJsonString()}}]}"""));

        Assert.IsType<InvalidOperationException>(refused);
    }

    public void Dispose()
    {
        authority.Dispose();
        hub.Dispose();
        stranger.Dispose();
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private string AuthorityStatement(FederationKey? signWith = null, Uri? issuer = null, TimeSpan? expiresIn = null) =>
        EntityStatements.Sign(
            new EntityStatement(issuer ?? AuthorityId, HubId, Now.AddMinutes(-10), Now + (expiresIn ?? TimeSpan.FromHours(1)), [hub.PublicKey], Brainport, []),
            (signWith ?? authority).SigningKey);

    private string Configuration(FederationKey? signWith = null, IReadOnlyList<Uri>? hints = null, Uri? subject = null) =>
        EntityStatements.Sign(
            new EntityStatement(subject ?? HubId, subject ?? HubId, Now, Now.AddHours(1), [hub.PublicKey], Brainport, hints ?? [AuthorityId]),
            (signWith ?? hub).SigningKey);

    private static string Tampered(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("brainport", "brightlands", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
