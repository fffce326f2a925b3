using Federation.Trust;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Cli.Audit;

/// <summary>
/// The federation keys the authority vouches for a hub now, read from the authority and checked against the anchor's
/// keys the person running the command names (never taken from the catalogue or the hub).
/// </summary>
internal static class VouchedKeys
{
    /// <summary>The hub's keys, or null when the authority vouches for no hub of that id now.</summary>
    public static async Task<IReadOnlyList<JsonWebKey>?> ReadAsync(HttpMessageHandler handler, Uri authority, TrustAnchor anchor, string hubId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        var directory = await MemberDirectoryReader.ReadAsync(http, authority, anchor, MemberDirectory.Empty, TimeProvider.System, cancellationToken);
        return directory.ValidAt(DateTimeOffset.UtcNow).FirstOrDefault(member => member.Member.MemberId == hubId)?.Keys;
    }
}
