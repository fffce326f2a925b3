using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Server;
using Federation.ServiceDefaults.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Authorization;

/// <summary>
/// The policies every endpoint picks from. All rest on tokens of this hub's own issuer (the default scheme): a
/// token of hub A never satisfies hub B, and guest tokens never carry the staff or member role.
/// </summary>
public static class HubAuthorization
{
    /// <summary>Staff of this very hub: the role, and this hub as their home.</summary>
    public const string Staff = "hub-staff";

    /// <summary>Staff of this very facility, or one of its reviewers: who may read and score the applications it receives.</summary>
    public const string Reviewer = "compute-reviewer";

    /// <summary>A member of this hub (staff included), not a guest.</summary>
    public const string Member = "member";

    /// <summary>Anyone holding a token of this hub: member, guest, or service.</summary>
    public const string SignedIn = "signed-in";

    public static WebApplicationBuilder AddHubAuthorization(this WebApplicationBuilder builder)
    {
        var hubId = builder.Configuration.GetValidated<HubOptions>(HubOptions.Section).Id;
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(Claims.Role, HubRoles.Staff)
                .RequireClaim(HubClaims.HomeHub, hubId))
            .AddPolicy(Reviewer, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(Claims.Role, HubRoles.Staff, HubRoles.Reviewer)
                .RequireClaim(HubClaims.HomeHub, hubId))
            .AddPolicy(Member, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(Claims.Role, HubRoles.Member, HubRoles.Staff)
                .RequireClaim(HubClaims.HomeHub, hubId))
            .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser().RequireClaim(Claims.Subject));
        return builder;
    }
}
