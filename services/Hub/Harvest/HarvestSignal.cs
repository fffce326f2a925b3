using Federation.Hub.Hosting;

namespace Federation.Hub.Harvest;

/// <summary>Wakes this silo's scheduler when staff queue a run by hand, so it starts at once rather than at the next poll.</summary>
public sealed class HarvestSignal : WakeSignal;
