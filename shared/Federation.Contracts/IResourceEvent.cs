namespace Federation.Contracts;

/// <summary>What every change of a published resource carries, whatever happened to it.</summary>
public interface IResourceEvent : ISignedMessage
{
    string ISignedMessage.SignerId => HubId;

    string HubId { get; }

    Guid ResourceId { get; }

    int Version { get; }

    /// <summary>The hub's sequence number of this event: one counter per hub, over all its resources.</summary>
    long Sequence { get; }

    DateTimeOffset OccurredAt { get; }

    ResourceSnapshot Resource { get; }

    /// <summary>
    /// Which life of the hub's feed this belongs to. A hub whose database is reset or restored starts a new feed
    /// (and its sequence anew); the catalogue then forgets the old one rather than mix the two.
    /// </summary>
    Guid FeedId { get; }
}
