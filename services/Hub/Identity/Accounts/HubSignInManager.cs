using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Identity's sign-in manager with the hub's additions: a suspended account cannot sign in, and a session of one no
/// longer validates (suspending also changes the security stamp; this holds even if it did not); recovery codes count
/// towards the lockout like passwords and authenticator codes do; a second factor signs in only an account that has
/// one turned on; a session remembers when its sign-in happened, so that changing how one signs in can ask for a
/// recent one.
/// </summary>
public sealed class HubSignInManager(
    UserManager<HubAccount> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HubAccount> claimsFactory,
    IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HubAccount>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HubAccount> confirmation,
    TimeProvider clock)
    : SignInManager<HubAccount>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The session's property holding when its person last proved who they are (ISO 8601, UTC).</summary>
    public const string SignedInAtItem = "hub.signed-in-at";

    // A new sign-in comes with new properties; a refresh of the session (its security stamp checked again, its cookie
    // renewed) brings the old ones along, and with them the time of the sign-in that really happened.
    public override Task SignInWithClaimsAsync(HubAccount user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();
        authenticationProperties.Items.TryAdd(SignedInAtItem, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>When the session's person signed in, or null when the session does not say (one from before this was kept).</summary>
    public static DateTimeOffset? SignedInAt(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SignedInAtItem, out var value) == true
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    public override async Task<bool> CanSignInAsync(HubAccount user) =>
        user.SuspendedAt is null && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(HubAccount? user, string? securityStamp) =>
        user is { SuspendedAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);

    // Identity checks the code against the account's authenticator key whether or not two-factor sign-in is on. Staff
    // still enrolling hold a key (the enrolment page's) and the mark of a right password: without this, a code of that
    // key at the second-factor page would give them a session before enrolment ever finished (and no recovery codes).
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        await HasSecondFactorAsync() ? await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient) : SignInResult.Failed;

    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient) =>
        await HasSecondFactorAsync() ? await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient) : SignInResult.Failed;

    private async Task<bool> HasSecondFactorAsync() => await GetTwoFactorAuthenticationUserAsync() is { TwoFactorEnabled: true };

    // Identity leaves recovery codes out of the lockout (they are long and random). A locked account must stay locked
    // whatever it is offered, and a stream of wrong codes is an attack worth locking out, as with the other factors.
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is not { TwoFactorEnabled: true })
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
