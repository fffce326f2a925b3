using System.Security.Cryptography;
using System.Text;

namespace Federation.Hub.Resources;

/// <summary>
/// The id of a resource a hub makes by itself (its demo data, a facility's open-accounting dataset): derived from the
/// hub and a name, so that making it again at the next start finds the one made before (a name-based UUID, version 8 layout).
/// </summary>
public static class StableResourceId
{
    public static Guid Of(string hubId, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{hubId}/{name}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
