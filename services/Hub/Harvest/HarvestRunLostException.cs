namespace Federation.Hub.Harvest;

/// <summary>A run that is no longer running where it works: another silo took it for lost (its heartbeat stopped).</summary>
public sealed class HarvestRunLostException(Guid runId) : Exception($"Harvest run {runId} is no longer running here.");
