using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Identity's sign-in manager with the hub's additions: a suspended account cannot sign in, and a session of one no
/// longer validates (suspending also changes the security stamp; this holds even if it did not); recovery codes count
/// towards the lockout like passwords and authenticator codes do.
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

    // Identity leaves recovery codes out of the lockout (they are long and random). A locked account must stay locked
    // whatever it is offered, and a stream of wrong codes is an attack worth locking out, as with the other factors.
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded)
        {
            await UserManager.ResetAccessFailedCountAsync(user);
            return result;
        }

        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
    }
}
