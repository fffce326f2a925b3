using Federation.Contracts.Catalogue;

namespace Federation.Testing;

/// <summary>Whether the catalogue's registry shows a hub in sync at exactly the hub's own sequence and digest.</summary>
public static class HubSync
{
    /// <summary>Waits until it does; the registry's word on the hub then.</summary>
    /// <exception cref="TimeoutException">It did not, with what the hub and the catalogue last logged about the hub's sync, to find out why.</exception>
    public static async Task<HubStatus> WaitUntilInSyncAsync(ServiceProcess catalogue, ServiceProcess hub, string hubId, TimeSpan timeout)
    {
        try
        {
            return (await Eventually.Until(async () =>
            {
                var info = await hub.HubClient().InfoAsync(CancellationToken.None).EnsureSuccessAsync();
                var status = await catalogue.CatalogueClient().HubAsync(hubId, CancellationToken.None).EnsureSuccessAsync();
                return (Status: status, AtSequence: info.LastSequence);
            }, seen => seen.Status.InSync && seen.Status.LastSequenceApplied == seen.AtSequence && seen.Status.DigestMatches == true,
                timeout, $"{hubId} in sync with the catalogue")).Status;
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}\n{await SyncLogAsync(hub, hubId, catalogue)}", timedOut);
        }
    }

    // A sync that never completes is rare and hard to repeat: the evidence goes into the failure itself.
    private static async Task<string> SyncLogAsync(ServiceProcess hub, string hubId, ServiceProcess catalogue)
    {
        var atHub = (await hub.ReadLogAsync()).Where(line => line.Contains("WRN]", StringComparison.Ordinal) || line.Contains("ERR]", StringComparison.Ordinal)
            || line.Contains("Resync", StringComparison.Ordinal));
        var atCatalogue = (await catalogue.ReadLogAsync()).Where(line => line.Contains(hubId, StringComparison.Ordinal)
            && (line.Contains("WRN]", StringComparison.Ordinal) || line.Contains("ERR]", StringComparison.Ordinal) || line.Contains("resend", StringComparison.Ordinal)));
        return $"last sync lines of {hub.Name}:\n  {string.Join("\n  ", atHub.TakeLast(20))}\n" +
            $"last lines of the catalogue about {hubId}:\n  {string.Join("\n  ", atCatalogue.TakeLast(20))}";
    }
}
