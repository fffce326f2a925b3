using Federation.Contracts.Catalogue;

namespace Federation.Testing;

/// <summary>Whether the catalogue's registry shows a hub in sync at exactly the hub's own sequence and digest.</summary>
public static class HubSync
{
    /// <summary>Waits until it does; the registry's word on the hub then.</summary>
    public static async Task<HubStatus> WaitUntilInSyncAsync(ServiceProcess catalogue, ServiceProcess hub, string hubId, TimeSpan timeout) =>
        (await Eventually.Until(async () =>
        {
            var info = await hub.HubClient().InfoAsync(CancellationToken.None).EnsureSuccessAsync();
            var status = await catalogue.CatalogueClient().HubAsync(hubId, CancellationToken.None).EnsureSuccessAsync();
            return (Status: status, AtSequence: info.LastSequence);
        }, seen => seen.Status.InSync && seen.Status.LastSequenceApplied == seen.AtSequence && seen.Status.DigestMatches == true,
            timeout, $"{hubId} in sync with the catalogue")).Status;
}
