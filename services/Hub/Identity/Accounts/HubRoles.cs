namespace Federation.Hub.Identity.Accounts;

/// <summary>The roles a hub gives. Staff and member are for its own people; guest roles only by token exchange.</summary>
public static class HubRoles
{
    public const string Staff = "hub-staff";
    public const string Member = "member";

    /// <summary>
    /// At a compute facility: scores the applications it receives, and nothing else (no award, no rejection, no call,
    /// no usage): the outside experts a call's review panel is made of.
    /// </summary>
    public const string Reviewer = "compute-reviewer";
    public const string Guest = "guest";
    public const string GuestResearcher = "guest-researcher";
    public const string Service = "service";

    /// <summary>Roles a member may hold; anything else in the accounts table is refused at start.</summary>
    public static readonly IReadOnlySet<string> MemberRoles = new HashSet<string>(StringComparer.Ordinal) { Staff, Member, Reviewer };

    private static readonly IReadOnlySet<string> HubMemberRoles = new HashSet<string>(StringComparer.Ordinal) { Staff, Member };

    /// <summary>The roles staff may give at this node: a hub has no reviewers (they score a facility's applications).</summary>
    public static IReadOnlySet<string> GivenAt(bool facility) => facility ? MemberRoles : HubMemberRoles;
}
