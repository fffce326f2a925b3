using Federation.Clients.Registration;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// The hubs this hub trusts: exactly the members of kind hub whose chain to the federation authority holds now
/// (<see cref="FederationMembers"/>), as the authority describes them. Until the authority has been read, nothing
/// foreign is trusted. A hub whose issuer or API is not at an address the <see cref="PeerUrlRule"/> allows (https
/// outside Development) is left out, as if it were not a member. When the members change, the keys kept for issuers
/// that left are dropped.
/// </summary>
public sealed partial class FederationTrustList
{
    private readonly FederationMembers members;
    private readonly PeerUrlRule urls;
    private readonly ILogger<FederationTrustList> logger;

    public FederationTrustList(FederationMembers members, IssuerKeys keys, PeerUrlRule urls, ILogger<FederationTrustList> logger)
    {
        this.members = members;
        this.urls = urls;
        this.logger = logger;
        members.Changed += directory =>
        {
            foreach (var plain in directory.Members.Where(member => IsHub(member) && !Usable(member)))
            {
                LogPlainHttpPeer(logger, plain.Member.MemberId);
            }

            keys.Retain(Hubs());
        };
    }

    /// <summary>The trusted hubs at this moment.</summary>
    public IReadOnlyList<TrustedHub> Hubs() => [.. members.Trusted.Where(member => IsHub(member) && Usable(member)).Select(TrustedHub.Of)];

    public TrustedHub? FindByIssuer(Uri issuer) => members.FindByIssuer(issuer) is { } member && IsHub(member) && Usable(member) ? TrustedHub.Of(member) : null;

    /// <summary>
    /// The hub of <paramref name="issuer"/>, reading the authority once more when it is not known yet: it may have been
    /// admitted since this hub last read it (<see cref="FederationMembers.ReadAgainAsync"/>).
    /// </summary>
    public async Task<TrustedHub?> FindByIssuerReadingAgainAsync(Uri issuer, CancellationToken cancellationToken)
    {
        if (FindByIssuer(issuer) is { } known)
        {
            return known;
        }

        await members.ReadAgainAsync(cancellationToken);
        return FindByIssuer(issuer);
    }

    public TrustedHub? FindByHubId(string hubId) => members.Find(hubId) is { } member && IsHub(member) && Usable(member) ? TrustedHub.Of(member) : null;

    /// <summary>Issuers compare as absolute URIs, with or without the trailing slash that discovery documents add.</summary>
    public static bool SameIssuer(Uri a, Uri b) => EntityIds.Same(a, b);

    private static bool IsHub(TrustedMember member) => member.Member.Kind == MemberMetadata.HubKind;

    private bool Usable(TrustedMember member) => urls.Allows(member.Member.Issuer) && urls.Allows(member.Member.ApiBaseUrl);

    [LoggerMessage(LogLevel.Warning, "{HubId} is a member at an address that is not https; it is not trusted here")]
    private static partial void LogPlainHttpPeer(ILogger logger, string hubId);
}
