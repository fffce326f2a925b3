using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Identity's sign-in manager with the hub's one addition: a suspended account cannot sign in, and a session of one
/// no longer validates (suspending also changes the security stamp; this holds even if it did not).
/// </summary>
public sealed class HubSignInManager(
    UserManager<HubAccount> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HubAccount> claimsFactory,
    IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HubAccount>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HubAccount> confirmation)
    : SignInManager<HubAccount>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(HubAccount user) =>
        user.SuspendedAt is null && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(HubAccount? user, string? securityStamp) =>
        user is { SuspendedAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
