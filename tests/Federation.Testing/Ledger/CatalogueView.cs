using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Testing.Ledger;

/// <summary>What the catalogue shows of one run: every hit for the run's word, page by page, as the ledger reconciles it.</summary>
public static class CatalogueView
{
    /// <summary>Titles are "{marker} rev {n}"; the marker is everything before " rev ".</summary>
    public static async Task<List<(Guid Id, string Marker, int Version, string Title)>> ReadRunAsync(HttpClient catalogue, string word)
    {
        var entries = new List<(Guid, string, int, string)>();
        string? cursor = null;
        do
        {
            var page = await catalogue.GetFromJsonAsync<JsonElement>(
                $"search?q={Uri.EscapeDataString(word)}&pageSize=100&sort=modified{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            foreach (var hit in page.GetProperty("items").EnumerateArray())
            {
                var title = hit.GetProperty("title").GetString()!;
                var cut = title.LastIndexOf(" rev ", StringComparison.Ordinal);
                entries.Add((hit.GetProperty("id").GetGuid(), cut < 0 ? title : title[..cut], hit.GetProperty("version").GetInt32(), title));
            }

            cursor = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
        }
        while (cursor is not null);

        return entries;
    }
}
