namespace Federation.Hub.Access.Policies;

/// <summary>Whether a caller may use a resource's protected parts, why, and by which grant if one was needed.</summary>
public sealed record AccessDecision(bool Allowed, string Reason, Guid? GrantId = null)
{
    public static AccessDecision Allow(string reason, Guid? grantId = null) => new(true, reason, grantId);

    public static AccessDecision Deny(string reason) => new(false, reason);
}
