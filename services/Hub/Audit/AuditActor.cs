using Federation.Hub.Identity.Authorization;

namespace Federation.Hub.Audit;

/// <summary>Who did something, as the audit log and the feed record it: the person at home, and in what capacity.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditActor(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Subject,
    [property: Id(2)] string? HomeHub,
    [property: Id(3)] string? Name)
{
    public static readonly AuditActor Anonymous = new("anonymous", null, null, null);

    /// <summary>The hub itself, acting on its own (seeding demo data, for instance).</summary>
    public static AuditActor System(string hubId, string what) => new("system", what, hubId, what);

    public static AuditActor Of(CallerIdentity? caller, string selfHubId) => caller switch
    {
        null => Anonymous,
        _ when caller.HasRole(Identity.Accounts.HubRoles.Service) => new("service", caller.Subject, caller.HomeHub, caller.Name),
        _ when caller.HomeHub != selfHubId => new("guest", caller.HomeSubject, caller.HomeHub, caller.Name),
        _ => new("member", caller.Subject, caller.HomeHub, caller.Name),
    };

    public string Describe() => Subject is null ? "anonymous" : $"{Name} ({HomeHub}:{Subject})";
}
