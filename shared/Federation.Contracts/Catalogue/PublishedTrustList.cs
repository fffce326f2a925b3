namespace Federation.Contracts.Catalogue;

/// <summary>
/// The federation trust list as the catalogue publishes it at <c>/federation/trust-list</c>: the hubs whose token
/// issuers every member of the federation accepts. <see cref="Version"/> changes exactly when an entry does.
/// </summary>
public sealed record PublishedTrustList(string Version, IReadOnlyList<TrustListEntry> Hubs);
