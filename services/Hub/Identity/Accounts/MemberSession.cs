namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// The cookie that remembers a member signed in at this hub's sign-in page. It serves only the authorization
/// endpoint; every API takes bearer tokens.
/// </summary>
public static class MemberSession
{
    public const string Scheme = "member-session";
}
