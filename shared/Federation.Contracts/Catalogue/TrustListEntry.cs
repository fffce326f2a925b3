namespace Federation.Contracts.Catalogue;

/// <summary>
/// One hub on the trust list, with the federation authority's signed statement about it (an entity statement JWT)
/// and until when that statement holds: a reader checks the statement against the authority's key, not the catalogue.
/// </summary>
public sealed record TrustListEntry(string HubId, string DisplayName, Uri Issuer, Uri ApiBaseUrl)
{
    public string? Statement { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }
}
