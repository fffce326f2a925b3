using System.Net;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Cursor paging that stays exact while new resources keep arriving, both sort orders, prefix and phrase queries,
/// and snippets that mark the matched words in escaped text.
/// </summary>
public sealed class SearchPagingSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();
    private long sequence;

    public override async ValueTask InitializeAsync() => Host = await CatalogueHost.StartAsync();

    [Theory]
    [InlineData("q=sensor")]
    [InlineData("sort=modified")]
    public async Task Cursor_paging_returns_every_matching_resource_exactly_once_while_publishing_continues(string query)
    {
        await PublishAsync(Enumerable.Range(0, 40).Select(i => $"Sensor reeks {i:D2}").ToArray());
        var seen = new List<string>();
        string? cursor = null;
        var page = 0;
        do
        {
            var result = await Host.SearchAsync($"hub={hub}&{query}&pageSize=7" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(CatalogueHost.Titles(result));
            cursor = result.GetProperty("next").GetString();
            // Between pages the hub keeps publishing matching resources, newer than everything paged so far.
            await PublishAsync($"Sensor nieuw {page++:D2}");
        }
        while (cursor is not null);

        var original = seen.Where(title => title.StartsWith("Sensor reeks", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, original.Count);
        Assert.Equal(40, original.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Relevance_ranks_every_match_whatever_its_age_and_orders_equals_newest_first()
    {
        // Oldest first: the oldest say the word three times, and come first.
        await PublishAsync("Sensor sensor sensor hoog 1", "Sensor sensor sensor hoog 2", "Sensor laag 1", "Sensor laag 2", "Sensor laag 3",
            "Sensor laag 4", "Sensor sensor sensor hoog 3", "Sensor laag 5");
        string[] expected = ["Sensor sensor sensor hoog 3", "Sensor sensor sensor hoog 2", "Sensor sensor sensor hoog 1", "Sensor laag 5",
            "Sensor laag 4", "Sensor laag 3", "Sensor laag 2", "Sensor laag 1"];

        var whole = CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&q=sensor&pageSize=20")).ToList();
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var result = await Host.SearchAsync($"hub={hub}&q=sensor&pageSize=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            paged.AddRange(CatalogueHost.Titles(result));
            cursor = result.GetProperty("next").GetString();
        }
        while (cursor is not null);

        var byPageNumber = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            byPageNumber.AddRange(CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&q=sensor&pageSize=3&page={page}")));
        }

        Assert.Equal(expected, whole);
        Assert.Equal(expected, paged);
        Assert.Equal(expected, byPageNumber);
    }

    [Fact]
    public async Task Sorting_by_modification_puts_the_newest_first()
    {
        await PublishAsync("Oudste weerdata", "Middelste weerdata", "Nieuwste weerdata");

        var titles = CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&q=weerdata&sort=modified")).ToList();

        Assert.Equal(["Nieuwste weerdata", "Middelste weerdata", "Oudste weerdata"], titles);
    }

    [Theory]
    [InlineData("q=vibra*", "Vibration of turbines")]
    [InlineData("q=%22wind turbines%22", "Wind turbines at sea")]
    public async Task Prefix_and_phrase_queries(string query, string expected)
    {
        await PublishAsync("Vibration of turbines", "Wind turbines at sea", "Turbines and wind");

        var titles = CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&{query}")).ToList();

        Assert.Equal([expected], titles);
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_and_escape_everything_else()
    {
        await PublishWithSummaryAsync("Metingen van R&D naar <script>alert(1)</script> energieverbruik in woningen.", "Energie in huis");

        var hit = (await Host.SearchAsync($"hub={hub}&q=energieverbruik")).GetProperty("items")[0];

        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Contains("<mark>energieverbruik</mark>", snippet, StringComparison.Ordinal);
        // Tags are dropped by the headline parser; whatever markup-like text is left is escaped.
        Assert.DoesNotContain("<script", snippet, StringComparison.Ordinal);
        Assert.Contains("R&amp;D", snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=eyJSYW5rIjotMSwiTW9kaWZpZWRBdCI6IjIwMjYtMDEtMDFUMDA6MDA6MDBaIiwiSWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJRdWVyeSI6IngifQ")]
    [InlineData("sort=loudest")]
    [InlineData("sort=relevance")]
    public async Task Bad_cursors_and_sorts_are_refused_by_name(string query)
    {
        var response = await Host.Client.GetAsync($"/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(query.Split('=')[0], out _));
    }

    [Fact]
    public async Task A_cursor_of_one_search_is_refused_for_another()
    {
        await PublishAsync("Bodemdata een", "Bodemdata twee", "Bodemdata drie");
        var first = await Host.SearchAsync($"hub={hub}&q=bodemdata&pageSize=1");

        var response = await Host.Client.GetAsync($"/search?hub={hub}&q=grond&pageSize=1&cursor={first.GetProperty("next").GetString()}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task PublishAsync(params string[] titles) => PublishWithSummaryAsync(null, titles);

    private async Task PublishWithSummaryAsync(string? summary, params string[] titles)
    {
        foreach (var title in titles)
        {
            var resource = CatalogueHost.Resource(hub, title) with { Summary = summary ?? $"Summary of {title}.", ModifiedAt = DateTimeOffset.UtcNow };
            await Host.PublishAsync(Snapshots.Event(resource, ++sequence));
            // One at a time, so each has its own modification time and the order is known.
            await Host.WaitForSearchAsync($"hub={hub}&sort=modified&pageSize=1", r => r.GetProperty("total").GetInt64() == sequence, $"{title} to be indexed");
        }
    }
}
