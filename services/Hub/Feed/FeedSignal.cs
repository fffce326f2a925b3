using Federation.Hub.Hosting;

namespace Federation.Hub.Feed;

/// <summary>Wakes the feed relay when a change the federation must see is committed.</summary>
public sealed class FeedSignal : WakeSignal;
