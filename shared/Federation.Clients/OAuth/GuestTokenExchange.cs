namespace Federation.Clients.OAuth;

/// <summary>
/// How a member's client gets a guest token at another hub, in two token exchanges (RFC 8693): first the home hub
/// turns the member's home access token into a short token whose only audience is the target hub; then the target
/// exchanges that for a guest token of its own. No token ever reaches a hub that could use it anywhere else: the home
/// token stays with the home hub, and the token sent to the target is refused by every other hub, the home hub's API
/// included.
/// </summary>
public static class GuestTokenExchange
{
    /// <summary>The guest token of <paramref name="targetHubId"/>, or the refusal of whichever hub refused.</summary>
    public static async Task<TokenAnswer> GuestTokenAsync(
        OAuthClient home, OAuthClient target, string targetHubId, string homeAccessToken, CancellationToken cancellationToken = default)
    {
        var onward = await OnwardTokenAsync(home, targetHubId, homeAccessToken, cancellationToken);
        return onward.Succeeded ? await target.ExchangeAsync(onward.Tokens.AccessToken, cancellationToken: cancellationToken) : onward;
    }

    /// <summary>The home hub's token for <paramref name="targetHubId"/> only, to be presented there for exchange.</summary>
    public static Task<TokenAnswer> OnwardTokenAsync(OAuthClient home, string targetHubId, string homeAccessToken, CancellationToken cancellationToken = default) =>
        home.ExchangeAsync(homeAccessToken, OAuthGrants.AccessTokenType, OAuthGrants.HubAudience(targetHubId), cancellationToken);
}
