namespace Federation.Contracts.Catalogue;

/// <summary>One hub on the trust list.</summary>
public sealed record TrustListEntry(string HubId, string DisplayName, Uri Issuer, Uri ApiBaseUrl);
