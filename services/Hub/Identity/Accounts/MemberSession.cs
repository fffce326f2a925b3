using Microsoft.AspNetCore.Identity;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// The cookie that remembers a member signed in at this hub's sign-in page. It serves only the authorization
/// endpoint; every API takes bearer tokens. It is ASP.NET Core Identity's application cookie, so its security stamp is
/// checked on every request: a changed password, role or standing ends it.
/// </summary>
public static class MemberSession
{
    public static readonly string Scheme = IdentityConstants.ApplicationScheme;
}
