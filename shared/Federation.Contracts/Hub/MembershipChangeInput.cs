namespace Federation.Contracts.Hub;

/// <summary>
/// The reason staff give when they suspend, reinstate or remove a member, or refuse a join request; the person is told
/// it. Required except for reinstatement.
/// </summary>
public sealed record MembershipChangeInput(string? Reason);
