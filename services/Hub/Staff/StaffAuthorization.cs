using Federation.Hub.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Federation.Hub.Staff;

public static class StaffAuthorization
{
    public const string Policy = "hub-staff";
    public const string HubClaim = "hub";

    /// <summary>
    /// Every write needs the <c>hub-staff</c> policy: the role at this very hub. Until federated identity backs it
    /// with real tokens, only the development scheme can satisfy it, and only when the environment is Development.
    /// </summary>
    public static WebApplicationBuilder AddStaffAuthorization(this WebApplicationBuilder builder)
    {
        var hubId = builder.Configuration["Hub:Id"];
        var developmentSignInAllowed = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication(DevelopmentStaffAuthentication.SchemeName)
            .AddScheme<DevelopmentStaffOptions, DevelopmentStaffAuthentication>(
                DevelopmentStaffAuthentication.SchemeName, options => options.Enabled = developmentSignInAllowed);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole("hub-staff")
            .RequireClaim(HubClaim, hubId!));
        return builder;
    }
}
