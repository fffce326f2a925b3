namespace Federation.Contracts;

/// <summary>What every change of a published resource carries, whatever happened to it.</summary>
public interface IResourceEvent
{
    string HubId { get; }

    Guid ResourceId { get; }

    int Version { get; }

    /// <summary>The hub's sequence number of this event: one counter per hub, over all its resources.</summary>
    long Sequence { get; }

    DateTimeOffset OccurredAt { get; }

    ResourceSnapshot Resource { get; }
}
