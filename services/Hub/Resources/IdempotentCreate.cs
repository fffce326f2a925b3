using System.Security.Cryptography;
using System.Text;

namespace Federation.Hub.Resources;

/// <summary>
/// Makes "create a resource" safe to repeat. A client that sends <c>Idempotency-Key</c> and loses the answer (a
/// timeout, a silo that died after committing) sends the same request again; the key, together with who sends it,
/// names the resource id, so the repeat finds the resource the first attempt made instead of making a second one.
/// </summary>
internal static class IdempotentCreate
{
    public const string Header = "Idempotency-Key";

    /// <summary>The id a create carrying <paramref name="key"/> gets; the same key from another caller names another id.</summary>
    public static Guid IdFor(string caller, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"resource-create\n{caller}\n{key}"), hash);
        var bytes = hash[..16];
        // An RFC 9562 version 8 (application-defined) UUID, so it is never mistaken for a random or time-ordered one.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Visible ASCII, 1 to 200 characters: room for a UUID or a client's own scheme, nothing that could hide.</summary>
    public static bool IsWellFormed(string key) => key.Length is >= 1 and <= 200 && key.All(c => c is >= '!' and <= '~');
}
