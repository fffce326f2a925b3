using System.Security.Claims;

namespace Federation.Portal.SignIn;

/// <summary>
/// The signed-in member as the portal knows them: who, from which hub, and the tokens their home hub gave the portal
/// to act for them. Kept in the portal's encrypted session cookie, never shown to the browser's scripts.
/// </summary>
public static class MemberSession
{
    public const string Scheme = "portal-member";
    public const string HomeHubClaim = "home_hub";
    public const string HomeHubNameClaim = "home_hub_name";

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static string? HomeHub(this ClaimsPrincipal user) => user.FindFirstValue(HomeHubClaim);

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("sub") ?? "";

    /// <summary>The member's id at their home hub.</summary>
    public static string? Subject(this ClaimsPrincipal user) => user.FindFirstValue("sub");

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(ClaimTypes.Role, "hub-staff");
}
