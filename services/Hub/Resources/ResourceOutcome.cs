using Federation.Contracts;

namespace Federation.Hub.Resources;

public enum OutcomeStatus
{
    Ok,
    NotFound,
    /// <summary>The lifecycle does not allow it (publishing twice, editing a withdrawn resource …).</summary>
    Conflict,
    /// <summary>The caller's If-Match version is not the current one.</summary>
    VersionMismatch,
}

/// <summary>What a command on a resource grain came to; the API turns it into a status code.</summary>
[GenerateSerializer, Immutable]
public sealed record ResourceOutcome(
    [property: Id(0)] OutcomeStatus Status,
    [property: Id(1)] ResourceSnapshot? Resource,
    [property: Id(2)] string? Field,
    [property: Id(3)] string? Problem)
{
    public static ResourceOutcome Ok(ResourceSnapshot resource) => new(OutcomeStatus.Ok, resource, null, null);

    public static ResourceOutcome NotFound(Guid id) =>
        new(OutcomeStatus.NotFound, null, null, $"There is no resource {id} at this hub.");

    public static ResourceOutcome Conflict(ResourceSnapshot? current, string problem, string? field = null) =>
        new(OutcomeStatus.Conflict, current, field, problem);

    public static ResourceOutcome VersionMismatch(ResourceSnapshot current, int expected) =>
        new(OutcomeStatus.VersionMismatch, current, null,
            $"The resource is at version {current.Version}, not {expected}. Reload it and apply your change again.");
}
