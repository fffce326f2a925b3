namespace Federation.Testing.Ledger;

/// <summary>What a hub holds of one run, drafts included (read as its staff): to find creates that were made twice.</summary>
public static class HubView
{
    public static async Task<List<(Guid Id, string Marker)>> ReadRunAsync(ServiceProcess hub, string word)
    {
        var resources = new List<(Guid, string)>();
        await foreach (var resource in hub.StaffClient().AllResourcesAsync(state: null, CancellationToken.None))
        {
            if (resource.Title.Contains(word, StringComparison.Ordinal))
            {
                resources.Add((resource.Id, CatalogueView.MarkerOf(resource.Title)));
            }
        }

        return resources;
    }
}
