using Federation.Clients.OAuth;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// The claims the federation's tokens carry beyond the standard ones. A member's token names their home hub; a guest
/// token of another hub names the home hub and the person's id there, so every hub can say who did something.
/// </summary>
public static class HubClaims
{
    public const string HomeHub = "home_hub";
    public const string HomeSubject = "home_sub";
    public const string OrganisationId = "org_id";
    public const string OrganisationName = "org_name";
    public const string OrganisationType = "org_type";

    /// <summary>
    /// The member's security stamp when they signed in. Kept only in authorization codes and refresh tokens (never in a
    /// token that leaves the hub): a refresh after the stamp changed (password, roles, suspension) is refused.
    /// </summary>
    public const string SecurityStamp = "hub_stamp";

    /// <summary>
    /// When the hub issued a member's token, in Unix milliseconds: <c>iat</c> has whole seconds, too coarse to tell a
    /// token issued just before a change of roles or password from one issued just after (<see cref="People.RevokedPeople"/>).
    /// </summary>
    public const string IssuedAt = "hub_issued";

    /// <summary>The roles the person has at their home hub, carried so the target hub's guest policy can read them.</summary>
    public const string HomeRoles = "home_role";

    /// <summary>The audience by which a token is meant for hub <paramref name="hubId"/>, and nowhere else.</summary>
    public static string AudienceOf(string hubId) => OAuthGrants.HubAudience(hubId);

    /// <summary>The hub an audience (or the scope <c>hub:{id}</c>) names.</summary>
    public static bool TryReadAudience(string audience, out string hubId)
    {
        hubId = audience.StartsWith("hub:", StringComparison.Ordinal) ? audience["hub:".Length..] : "";
        return hubId.Length > 0;
    }
}
