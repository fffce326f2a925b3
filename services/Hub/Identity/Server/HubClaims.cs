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

    /// <summary>The roles the person has at their home hub, carried so the target hub's guest policy can read them.</summary>
    public const string HomeRoles = "home_role";

    /// <summary>The audience, and the scope asking for it, by which a token is meant for hub <paramref name="hubId"/>.</summary>
    public static string AudienceOf(string hubId) => $"hub:{hubId}";

    public static bool TryReadAudienceScope(string scope, out string hubId)
    {
        hubId = scope.StartsWith("hub:", StringComparison.Ordinal) ? scope["hub:".Length..] : "";
        return hubId.Length > 0;
    }
}
