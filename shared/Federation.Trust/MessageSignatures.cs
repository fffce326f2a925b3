using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// Signatures of the messages members send each other over the broker: a JWS with a detached payload (RFC 7515,
/// appendix F), ES256, over the canonical JSON of the message (<see cref="CanonicalJson"/>). The protected header
/// names the signing key, the member that signs, the kind of message and when it was signed, so a signature can be
/// neither moved to another member's message nor to another kind of message.
/// </summary>
public static class MessageSignatures
{
    public const string HeaderName = "Federation-Signature";
    public const string Type = "federation-message+jws";

    // ECDsa objects of the keys met so far, by key id and point: made once, not for every message.
    private static readonly ConcurrentDictionary<string, ECDsa> Verifiers = new(StringComparer.Ordinal);

    public static string Sign(ReadOnlySpan<byte> canonicalMessage, string messageType, string memberId, FederationKey key, DateTimeOffset at)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
            ["kid"] = key.KeyId,
            ["typ"] = Type,
            ["sub"] = memberId,
            ["msg"] = messageType,
            ["iat"] = at.ToUnixTimeSeconds(),
        });
        var encodedHeader = Base64UrlEncoder.Encode(header);
        var signature = key.SignData(SigningInput(encodedHeader, canonicalMessage));
        return $"{encodedHeader}..{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>
    /// Checks that <paramref name="signature"/> was made by <paramref name="claimedMember"/> with one of
    /// <paramref name="memberKeys"/> (those the authority vouches for) over exactly this message of this kind.
    /// </summary>
    public static MessageVerification Verify(string? signature, ReadOnlySpan<byte> canonicalMessage, string messageType, string claimedMember, IReadOnlyList<JsonWebKey> memberKeys)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return MessageVerification.Refused("unsigned", "the message carries no signature");
        }

        var parts = signature.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            return MessageVerification.Refused("malformed", "the signature is not a detached JWS");
        }

        SignatureHeader header;
        byte[] signatureBytes;
        try
        {
            header = JsonSerializer.Deserialize<SignatureHeader>(Base64UrlEncoder.DecodeBytes(parts[0]))
                ?? throw new JsonException();
            signatureBytes = Base64UrlEncoder.DecodeBytes(parts[2]);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException)
        {
            return MessageVerification.Refused("malformed", "the signature's header cannot be read");
        }

        if (header.alg != SecurityAlgorithms.EcdsaSha256 || header.typ != Type)
        {
            return MessageVerification.Refused("malformed", "the signature is not an ES256 federation message signature");
        }

        if (header.sub != claimedMember)
        {
            return MessageVerification.Refused("wrong-signer", $"signed by {header.sub}, not by {claimedMember}, whose message it claims to be");
        }

        if (header.msg != messageType)
        {
            return MessageVerification.Refused("wrong-type", $"the signature is for a {header.msg}, not a {messageType}");
        }

        if (header.iat < 0 || header.iat > MaxUnixSeconds)
        {
            return MessageVerification.Refused("malformed", "the signature's time is no time");
        }

        if (memberKeys.FirstOrDefault(key => key.Kid == header.kid && key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve) is not { } key)
        {
            return MessageVerification.Refused("unknown-key", $"key {header.kid} is not one the authority vouches for {claimedMember}");
        }

        var verifier = Verifiers.GetOrAdd($"{key.Kid}|{key.X}|{key.Y}", _ => ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(key.X), Y = Base64UrlEncoder.DecodeBytes(key.Y) },
        }));
        return verifier.VerifyData(SigningInput(parts[0], canonicalMessage), signatureBytes, HashAlgorithmName.SHA256)
            ? MessageVerification.Signed(header.kid!, DateTimeOffset.FromUnixTimeSeconds(header.iat))
            : MessageVerification.Refused("bad-signature", "the signature does not match the message");
    }

    // The last second DateTimeOffset can hold.
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static byte[] SigningInput(string encodedHeader, ReadOnlySpan<byte> canonicalMessage)
    {
        var payload = Base64UrlEncoder.Encode(canonicalMessage.ToArray());
        return Encoding.ASCII.GetBytes($"{encodedHeader}.{payload}");
    }

#pragma warning disable IDE1006, SA1300 // The JWS header's member names are the specification's.
    private sealed record SignatureHeader(string? alg, string? kid, string? typ, string? sub, string? msg, long iat);
#pragma warning restore IDE1006, SA1300
}
