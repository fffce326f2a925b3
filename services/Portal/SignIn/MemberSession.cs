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

    /// <summary>Set when the member signed in at a compute facility (its staff or reviewers), not at a hub.</summary>
    public const string FacilityClaim = "facility";

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static string? HomeHub(this ClaimsPrincipal user) => user.FindFirstValue(HomeHubClaim);

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("sub") ?? "";

    /// <summary>The member's id at their home hub.</summary>
    public static string? Subject(this ClaimsPrincipal user) => user.FindFirstValue("sub");

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(ClaimTypes.Role, "hub-staff");

    /// <summary>A facility's reviewer: scores the applications it receives (staff may too).</summary>
    public static bool IsReviewer(this ClaimsPrincipal user) => user.HasClaim(ClaimTypes.Role, "compute-reviewer");

    /// <summary>Signed in at a compute facility: its pages are the facility's (calls, applications, usage), not a hub's.</summary>
    public static bool AtFacility(this ClaimsPrincipal user) => user.HasClaim(FacilityClaim, "true");

    /// <summary>Signed in at a hub: a member who can apply for compute, request access and so on.</summary>
    public static bool AtHub(this ClaimsPrincipal user) => user.IsSignedIn() && !user.AtFacility();
}
