namespace Federation.Hub.Resources;

/// <summary>What a feed entry tells the federation; each maps to one event type.</summary>
public enum FeedChange
{
    Published,
    Changed,
    Withdrawn,
}
