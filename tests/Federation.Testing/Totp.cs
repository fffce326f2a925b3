using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Federation.Testing;

/// <summary>
/// What a person's authenticator app does (RFC 6238: HMAC-SHA1 over the 30-second step, six digits), so that specs can
/// sign in as staff with a second factor exactly as a person would type it.
/// </summary>
public static class Totp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        Span<byte> step = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(step, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), step);
        var offset = hash[^1] & 0x0f;
        var number = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A new random key, base32 as authenticator apps take it.</summary>
    public static string NewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(20);
        var key = new char[32];
        for (var i = 0; i < key.Length; i++)
        {
            var bit = i * 5;
            var pair = (bytes[bit / 8] << 8) | (bit / 8 + 1 < bytes.Length ? bytes[(bit / 8) + 1] : 0);
            key[i] = Alphabet[(pair >> (11 - (bit % 8))) & 31];
        }

        return new string(key);
    }

    private static byte[] FromBase32(string key)
    {
        var clean = key.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new byte[clean.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return bytes;
    }
}
