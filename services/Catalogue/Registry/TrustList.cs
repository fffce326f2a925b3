using Federation.Contracts.Catalogue;
using Federation.Trust;

namespace Federation.Catalogue.Registry;

/// <summary>
/// The federation trust list as the catalogue shows it: a copy of the hubs whose chain to the federation authority
/// holds here, each with the authority's signed statement, so that whoever reads it can check every entry against
/// the authority's key instead of believing the catalogue. Nothing a hub sends over the broker changes it.
/// </summary>
public static class TrustList
{
    public static PublishedTrustList From(MemberDirectory directory, IEnumerable<TrustedMember> trusted) =>
        new(directory.Version, [.. trusted
            .Where(member => member.Member.Kind == MemberMetadata.HubKind)
            .OrderBy(member => member.Member.MemberId, StringComparer.Ordinal)
            .Select(member => new TrustListEntry(member.Member.MemberId, member.Member.DisplayName, member.Member.Issuer, member.Member.ApiBaseUrl)
            {
                Statement = member.Statement,
                ValidUntil = member.ValidUntil,
            })]);
}
