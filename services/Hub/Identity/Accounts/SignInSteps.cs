using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// What the sign-in pages share: where a person may be sent back to, the short-lived mark that their password was
/// right while their second factor is still to come, and whether a session's sign-in is recent enough to change how
/// its person signs in.
/// </summary>
internal static class SignInSteps
{
    public const string SecondFactorPath = "/account/second-factor";
    public const string RecoveryCodePath = "/account/second-factor/recovery";
    public const string EnrolmentPath = "/account/two-factor/enrol";

    /// <summary>How a session that passed a second factor is marked (RFC 8176).</summary>
    public const string MultiFactor = "mfa";

    /// <summary>Only a path on this hub: an absolute or protocol-relative URL would make the forms an open redirect.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        // Browsers drop tabs and line breaks inside a URL, so "/\t/evil.example" would become "//evil.example".
        && !url.Any(char.IsControl);

    public static string ReturnUrlOrHome(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : "/";

    /// <summary><paramref name="path"/> with the return address carried along.</summary>
    public static string Next(string path, string? returnUrl) =>
        IsLocal(returnUrl) ? $"{path}?returnUrl={Uri.EscapeDataString(returnUrl!)}" : path;

    /// <summary>
    /// Remembers that <paramref name="account"/> gave the right password, for the second-factor pages, exactly as
    /// Identity's own password sign-in does when a second factor is due (its two-factor cookie, minutes long). Used when
    /// the second factor is still to be enrolled, which Identity's password sign-in does not know about.
    /// </summary>
    public static Task RememberPasswordCheckedAsync(HttpContext http, HubAccount account)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, account.Id.ToString()));
        return http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The member this browser has a session of at this hub (its security stamp checked), or null.</summary>
    public static async Task<HubAccount?> SignedInMemberAsync(HttpContext http, UserManager<HubAccount> users)
    {
        var session = await http.AuthenticateAsync(MemberSession.Scheme);
        return session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
    }

    /// <summary>How recent a sign-in must be for a change of how one signs in (a second factor turned on from a session).</summary>
    public static readonly TimeSpan RecentSignIn = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether this browser's session at the hub began with a sign-in less than <see cref="RecentSignIn"/> ago. A session
    /// can be days old, or taken over on a shared computer: what changes the way in asks for the way in first.
    /// </summary>
    public static async Task<bool> SignedInRecentlyAsync(HttpContext http, TimeProvider clock)
    {
        var session = await http.AuthenticateAsync(MemberSession.Scheme);
        return session.Succeeded && HubSignInManager.SignedInAt(session.Properties) is { } at && clock.GetUtcNow() - at < RecentSignIn;
    }

    /// <summary>The sign-in page, asking the person to sign in once more before going on to <paramref name="next"/>.</summary>
    public static string SignInAgain(string next) => $"/account/sign-in?again=1&returnUrl={Uri.EscapeDataString(next)}";
}
