namespace Federation.Hub.Identity.TrustList;

/// <summary>One entry of the federation trust list: a hub, the issuer of its tokens and where its API is.</summary>
public sealed record TrustedHub(string HubId, Uri Issuer, Uri ApiBaseUrl);
