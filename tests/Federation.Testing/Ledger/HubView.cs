using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Testing.Ledger;

/// <summary>What a hub holds of one run, drafts included (read as its staff): to find creates that were made twice.</summary>
public static class HubView
{
    public static async Task<List<(Guid Id, string Marker)>> ReadRunAsync(ServiceProcess hub, string word)
    {
        var resources = new List<(Guid, string)>();
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"resources?pageSize=200&page={page}");
            request.Headers.Authorization = await hub.StaffAuthorizationAsync();
            using var response = await hub.Http.SendAsync(request);
            var list = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var items = list.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                var title = item.GetProperty("title").GetString()!;
                if (title.Contains(word, StringComparison.Ordinal))
                {
                    var cut = title.LastIndexOf(" rev ", StringComparison.Ordinal);
                    resources.Add((item.GetProperty("id").GetGuid(), cut < 0 ? title : title[..cut]));
                }
            }

            if (items.GetArrayLength() < 200)
            {
                return resources;
            }
        }
    }
}
