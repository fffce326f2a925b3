namespace Federation.Contracts.Catalogue;

/// <summary>
/// The federation trust list as the catalogue shows it at <c>/federation/trust-list</c>: the hubs the federation
/// authority vouches for, as the catalogue last verified them. <see cref="Version"/> changes exactly when an entry does.
/// </summary>
public sealed record PublishedTrustList(string Version, IReadOnlyList<TrustListEntry> Hubs);
