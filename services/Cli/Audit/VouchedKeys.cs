using Federation.Trust;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Cli.Audit;

/// <summary>
/// The federation keys the authority vouches for a hub now, read from the authority alone and checked against the
/// anchor's keys the person running the command names (never taken from the catalogue or the hub).
/// </summary>
internal static class VouchedKeys
{
    public sealed record Answer(IReadOnlyList<JsonWebKey>? Keys, IReadOnlyList<string> Refusals);

    /// <summary>The hub's keys (null when the authority vouches for no hub of that id now), and the statements refused on the way.</summary>
    public static async Task<Answer> ReadAsync(HttpMessageHandler handler, Uri authority, TrustAnchor anchor, string hubId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        var directory = await MemberDirectoryReader.ReadAsync(http, authority, anchor, MemberDirectory.Empty, TimeProvider.System, cancellationToken,
            confirmWithMembers: false);
        return new Answer(directory.ValidAt(DateTimeOffset.UtcNow).FirstOrDefault(member => member.Member.MemberId == hubId)?.Keys, directory.Refusals);
    }
}
