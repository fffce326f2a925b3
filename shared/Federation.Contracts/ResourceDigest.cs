using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Federation.Contracts;

/// <summary>
/// The digest both sides of the sync compute over a hub's (id, version) pairs. It is part of the protocol, so it
/// lives with the messages: each pair hashes to a 64-bit term and the digest is their wrapping sum, which either
/// side can keep up to date one change at a time (subtract the old term, add the new) and which ignores order.
/// </summary>
public static class ResourceDigest
{
    public static long Term(Guid resourceId, int version)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{resourceId:D}:{version}")), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    public static string Format(long sumOfTerms) =>
        unchecked((ulong)sumOfTerms).ToString("x16", CultureInfo.InvariantCulture);
}
