using System.Security.Cryptography;
using System.Text;

namespace Federation.Trust;

/// <summary>
/// The members whose chains held at <see cref="ReadAt"/>, and the refusals in words for those that did not. Two
/// members that name the same member id or issuer are both left out: the authority never vouches for that, so it means
/// a statement is wrong, and neither may then be believed.
/// </summary>
public sealed record MemberDirectory(IReadOnlyList<TrustedMember> Members, IReadOnlyList<string> Refusals, DateTimeOffset ReadAt)
{
    public static readonly MemberDirectory Empty = new([], [], DateTimeOffset.MinValue);

    /// <summary>Changes exactly when a member, its addresses or its keys do.</summary>
    public string Version
    {
        get
        {
            var text = string.Join('\n', Members.OrderBy(member => member.Member.MemberId, StringComparer.Ordinal).Select(member =>
                $"{member.Member.MemberId}\t{member.Member.DisplayName}\t{member.Member.Issuer.AbsoluteUri}\t{member.Member.ApiBaseUrl.AbsoluteUri}\t{member.KeyIds}"));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }

    /// <summary>The members still valid at <paramref name="now"/>: a statement that expires drops its member even when nothing new could be read.</summary>
    public IEnumerable<TrustedMember> ValidAt(DateTimeOffset now) => Members.Where(member => member.ValidUntil > now);

    public static MemberDirectory Of(IEnumerable<TrustChainResult> results, DateTimeOffset readAt)
    {
        var all = results.ToList();
        var trusted = all.Where(result => result.Member is not null).Select(result => result.Member!).ToList();
        var clashing = trusted
            .GroupBy(member => member.Member.MemberId, StringComparer.Ordinal).Where(group => group.Count() > 1).SelectMany(group => group)
            .Concat(trusted.GroupBy(member => EntityIds.Normal(member.Member.Issuer), StringComparer.Ordinal).Where(group => group.Count() > 1).SelectMany(group => group))
            .ToHashSet();
        var refusals = all.Where(result => result.Refusal is not null).Select(result => result.Refusal!)
            .Concat(clashing.Select(member => $"{member.Member.MemberId} ({member.EntityId}) shares its member id or issuer with another member; neither is trusted."))
            .ToList();
        return new MemberDirectory([.. trusted.Where(member => !clashing.Contains(member)).OrderBy(member => member.Member.MemberId, StringComparer.Ordinal)], refusals, readAt);
    }
}
