using System.Text;
using System.Text.Json;

namespace Federation.Trust.Tests;

/// <summary>
/// Message signatures as receivers check them: the member's own signature over exactly this message of this kind is
/// accepted; another member's key, another member's name, another kind, a changed byte, a moved signature, an
/// unsigned or malformed header are each refused with their reason. The canonical form ignores how JSON was written.
/// </summary>
public sealed class MessageSignatureSpecs : IDisposable
{
    private readonly FederationKey brainport = FederationKey.Generate();
    private readonly FederationKey amsterdam = FederationKey.Generate();

    private static byte[] Message(string title = "Slijtagedata lagers") =>
        CanonicalJson.Of(JsonSerializer.SerializeToElement(new { hubId = "brainport", resource = new { title, version = 2 } }));

    [Fact]
    public void The_members_own_signature_over_the_message_is_accepted_and_names_its_key()
    {
        var signature = MessageSignatures.Sign(Message(), "ResourceChanged", "brainport", brainport, DateTimeOffset.UtcNow);

        var verified = MessageSignatures.Verify(signature, Message(), "ResourceChanged", "brainport", [brainport.PublicKey]);

        Assert.True(verified.IsSigned, verified.Refusal);
        Assert.Equal(brainport.KeyId, verified.KeyId);
    }

    public static TheoryData<string, string> Spoilings =>
    [
        ("signed by another member", "wrong-signer"),
        ("the claimed member's name on another member's key", "unknown-key"),
        ("a key the authority no longer vouches for", "unknown-key"),
        ("another kind of message", "wrong-type"),
        ("a changed title", "bad-signature"),
        ("no signature", "unsigned"),
        ("a signature with its payload attached", "malformed"),
        ("a header that is no JSON", "malformed"),
        ("signed with HS256", "malformed"),
        ("a time before 1970", "malformed"),
        ("a time no calendar holds", "malformed"),
    ];

    [Theory]
    [MemberData(nameof(Spoilings))]
    public void A_spoiled_signature_is_refused_with_its_reason(string spoiling, string reason)
    {
        var message = Message();
        var now = DateTimeOffset.UtcNow;
        var genuine = MessageSignatures.Sign(message, "ResourceChanged", "brainport", brainport, now);
        var signature = spoiling switch
        {
            "signed by another member" => MessageSignatures.Sign(message, "ResourceChanged", "amsterdam", amsterdam, now),
            "the claimed member's name on another member's key" => MessageSignatures.Sign(message, "ResourceChanged", "brainport", amsterdam, now),
            "another kind of message" => MessageSignatures.Sign(message, "ResourceWithdrawn", "brainport", brainport, now),
            "no signature" => null,
            "a signature with its payload attached" => genuine.Replace("..", "." + Encode("{}") + ".", StringComparison.Ordinal),
            "a header that is no JSON" => Encode("not json") + ".." + genuine.Split('.')[2],
            "signed with HS256" => Encode("""{"alg":"HS256","typ":"federation-message+jws","kid":"k","sub":"brainport","msg":"ResourceChanged","iat":1}""") + ".." + genuine.Split('.')[2],
            "a time before 1970" => Header(-5) + ".." + genuine.Split('.')[2],
            "a time no calendar holds" => Header(long.MaxValue) + ".." + genuine.Split('.')[2],
            _ => genuine,
        };
        var received = spoiling == "a changed title" ? Message("Slijtagedata lagers (vervalst)") : message;
        // What the authority vouches for brainport: its own key, or nothing once it is suspended.
        var vouched = spoiling == "a key the authority no longer vouches for" ? [] : new[] { brainport.PublicKey };

        var verified = MessageSignatures.Verify(signature, received, "ResourceChanged", "brainport", vouched);

        Assert.False(verified.IsSigned);
        Assert.Equal(reason, verified.RefusalKind);
        Assert.False(string.IsNullOrWhiteSpace(verified.Refusal));
    }

    private string Header(long issuedAt) => Encode(JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["alg"] = "ES256", ["typ"] = "federation-message+jws", ["kid"] = brainport.KeyId, ["sub"] = "brainport", ["msg"] = "ResourceChanged", ["iat"] = issuedAt,
    }));

    [Theory]
    [InlineData("""{"auditHead":"a","auditHead":"b"}""")]
    [InlineData("""{"auditHead":"a","AuditHead":"b"}""")]
    [InlineData("""{"outer":{"x":1,"X":2}}""")]
    public void A_message_naming_a_member_twice_has_no_canonical_form(string json)
    {
        using var message = JsonDocument.Parse(json);

        Assert.Throws<JsonException>(() => CanonicalJson.Of(message.RootElement));
    }

    [Fact]
    public void The_canonical_form_does_not_depend_on_member_order_whitespace_or_escaping()
    {
        var one = JsonDocument.Parse("""{"b": 1, "a": {"y": "x<y", "x": [1, 2.50]}}""").RootElement;
        var other = JsonDocument.Parse("""{"a":{"x":[1,2.50],"y":"x\u003cy"},"b":1}""").RootElement;

        Assert.Equal(CanonicalJson.Of(one), CanonicalJson.Of(other));
        Assert.Equal("""{"a":{"x":[1,2.50],"y":"x<y"},"b":1}""", Encoding.UTF8.GetString(CanonicalJson.Of(one)));
    }

    public void Dispose()
    {
        brainport.Dispose();
        amsterdam.Dispose();
    }

    private static string Encode(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
}
