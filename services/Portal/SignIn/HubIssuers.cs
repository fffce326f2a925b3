using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Federation.Contracts.Catalogue;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;
using Microsoft.Extensions.Options;

namespace Federation.Portal.SignIn;

/// <summary>
/// The members people may sign in at: the hubs (every member's home) and the compute facilities (their own staff and
/// reviewers), exactly those whose chain to the federation authority holds now
/// (<see cref="FederationMembers"/>, read from the authority and verified against its key; the catalogue has no say),
/// with each hub's discovery document and signing keys (through the shared <see cref="ProviderDiscovery"/>, which
/// refuses a document naming another issuer or keys from another origin); hubs at addresses that are not https are
/// left out outside Development. A hub the authority suspends can no longer sign anyone in to the portal from the
/// next read of the authority on.
/// </summary>
public sealed partial class HubIssuers(
    IHttpClientFactory httpClients, FederationMembers members, ProviderDiscovery discovery, PeerUrlRule urls, IOptions<SignInOptions> options,
    ILogger<HubIssuers> logger)
{
    public const string HttpClientName = "hub-issuers";

    /// <summary>The hubs trusted now (the homes members join and act from); empty until the authority has been read.</summary>
    public Task<IReadOnlyList<TrustListEntry>> TrustedHubsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Trusted(MemberMetadata.HubKind));

    /// <summary>The compute facilities trusted now: their staff sign in there, and anyone may read their calls.</summary>
    public Task<IReadOnlyList<TrustListEntry>> TrustedFacilitiesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Trusted(MemberMetadata.FacilityKind));

    private IReadOnlyList<TrustListEntry> Trusted(string kind) =>
    [
        .. members.Trusted
            .Where(member => member.Member.Kind == kind && urls.Allows(member.Member.Issuer) && urls.Allows(member.Member.ApiBaseUrl))
            .OrderBy(member => member.Member.MemberId, StringComparer.Ordinal)
            .Select(member => new TrustListEntry(member.Member.MemberId, member.Member.DisplayName, member.Member.Issuer, member.Member.ApiBaseUrl)),
    ];

    /// <summary>
    /// The issuer of a trusted hub or facility, or null when it is not on the trust list or its provider cannot be read or
    /// trusted. With <paramref name="keyId"/>, keys kept that do not hold it are read again (a hub that rolled its keys).
    /// </summary>
    public async Task<HubIssuer?> FindAsync(string hubId, CancellationToken cancellationToken, string? keyId = null)
    {
        var hub = Trusted(MemberMetadata.HubKind).FirstOrDefault(member => member.HubId == hubId);
        var facility = hub is null ? Trusted(MemberMetadata.FacilityKind).FirstOrDefault(member => member.HubId == hubId) : null;
        if ((hub ?? facility) is not { } entry)
        {
            return null;
        }

        try
        {
            var provider = await discovery.DiscoverAsync(entry.Issuer, keyId, cancellationToken);
            return new HubIssuer(entry.HubId, entry.DisplayName, entry.ApiBaseUrl, provider, IsFacility: facility is not null);
        }
        catch (OAuthDiscoveryException exception)
        {
            LogDiscoveryFailed(logger, hubId, exception.Reason);
            return null;
        }
    }

    /// <summary>The portal's OAuth client at <paramref name="issuer"/>: the public client the hubs register for it.</summary>
    public OAuthClient ClientAt(HubIssuer issuer) =>
        new(httpClients.CreateClient(HttpClientName), issuer.Provider.Endpoints, options.Value.ClientId);

    [LoggerMessage(LogLevel.Warning, "The OpenID provider of {HubId} could not be read or is not trusted; nobody is signed in there: {Reason}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string hubId, string reason);
}
