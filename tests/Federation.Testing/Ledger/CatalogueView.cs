namespace Federation.Testing.Ledger;

/// <summary>What the catalogue shows of one run: every hit for the run's word, page by page, as the ledger reconciles it.</summary>
public static class CatalogueView
{
    public static async Task<List<(Guid Id, string Marker, int Version, string Title)>> ReadRunAsync(ServiceProcess catalogue, string word)
    {
        var client = catalogue.CatalogueClient();
        var entries = new List<(Guid, string, int, string)>();
        string? cursor = null;
        do
        {
            var page = await client.SearchAsync(
                $"q={Uri.EscapeDataString(word)}&pageSize=100&sort=modified{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}",
                CancellationToken.None).EnsureSuccessAsync();
            entries.AddRange(page.Items.Select(hit => (hit.Id, MarkerOf(hit.Title), hit.Version, hit.Title)));
            cursor = page.Next;
        }
        while (cursor is not null);

        return entries;
    }

    /// <summary>Titles are "{marker} rev {n}"; the marker is everything before " rev ".</summary>
    public static string MarkerOf(string title)
    {
        var cut = title.LastIndexOf(" rev ", StringComparison.Ordinal);
        return cut < 0 ? title : title[..cut];
    }
}
