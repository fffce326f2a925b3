using System.Text.Json;
using Federation.Catalogue.Search;
using Federation.Testing;
using Npgsql;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Large results: counts are estimates from a sample of the table and say so, while small results stay exact; and
/// relevance still puts the best matches first, found through the leaders of the search's words. The
/// bounds are set tiny here (10 rows) and the table holds 2,000 older rows beside the test's own, written straight
/// into it as the benchmark does, so that the page-level sample has enough pages to work with.
/// </summary>
public sealed class SearchEstimateSpecs : SpecsOnAFresh<CatalogueHost>
{
    private const int Limit = 10;
    private readonly string hub = CatalogueHost.NewHubId();

    public override async ValueTask InitializeAsync()
    {
        Host = await CatalogueHost.StartAsync(new Dictionary<string, string>
        {
            ["Search:SampleRows"] = "500",
            ["Search:ScanRows"] = $"{Limit}",
            ["Search:ExactCountLimit"] = $"{Limit}",
            ["Search:ExactFacetRows"] = $"{Limit}",
            ["Search:FrequentDocuments"] = "100",
            ["Search:LeaderCount"] = "5",
            ["Search:LeaderInterval"] = "00:00:00.200",
        });
        await ExecuteAsync("""
            INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document, filter_tags)
            SELECT gen_random_uuid(), 'elsewhere', 'dataset', 'MIT', 'open', '{}', '{}', 'Meetreeks elders ' || i, '',
                   timestamptz '2020-01-01' + i * interval '1 hour', 1, catalogue_search_document('Meetreeks elders ' || i, '', '', ''),
                   ARRAY['kind:dataset', 'hub:elsewhere', 'accessPolicy:open', 'licence:MIT']
              FROM generate_series(1, 2000) AS i;
            ANALYZE catalogue_search;
            """);
    }

    [Fact]
    public async Task A_large_result_gives_estimates_and_says_so_while_a_small_one_stays_exact()
    {
        await PublishAndAnalyseAsync();

        var large = await Host.SearchAsync($"hub={hub}");
        var small = await Host.SearchAsync($"hub={hub}&q=zeldzame");

        Assert.True(large.GetProperty("totalIsEstimate").GetBoolean());
        Assert.True(large.GetProperty("facetsAreEstimates").GetBoolean());
        Assert.True(large.GetProperty("total").GetInt64() > Limit, "an estimate above the exact limit never claims fewer than it counted");
        Assert.Equal(20, large.GetProperty("items").GetArrayLength());
        Assert.False(small.GetProperty("totalIsEstimate").GetBoolean());
        Assert.False(small.GetProperty("facetsAreEstimates").GetBoolean());
        Assert.Equal(2, small.GetProperty("total").GetInt64());
        Assert.Equal([("dataset", 1L), ("model", 1L)], Counts(small, "kind"));
    }

    [Fact]
    public async Task A_large_result_ranks_every_match_so_the_best_come_first_however_old()
    {
        await PublishAndAnalyseAsync();
        // The keeper has made "meetreeks" frequent (in 2,038 rows) with five leaders: the search starts from them.
        await WaitForLeadersAsync();
        // 35 and the older 05 say the word three times; every other match once, so they follow newest first.
        var expected = new[] { 35, 5 }.Concat(Enumerable.Range(0, 38).Where(i => i is not (5 or 35)).Reverse()).Select(Title).ToList();

        var whole = CatalogueHost.Titles(await Host.SearchAsync("q=meetreeks&pageSize=38")).ToList();
        var paged = new List<string>();
        string? cursor = null;
        while (paged.Count < 38)
        {
            var result = await Host.SearchAsync("q=meetreeks&pageSize=5" + (cursor is null ? "" : $"&cursor={cursor}"));
            paged.AddRange(CatalogueHost.Titles(result));
            cursor = result.GetProperty("next").GetString();
        }

        Assert.Equal(expected, whole);
        Assert.Equal(expected, paged.Take(38));
    }

    private async Task WaitForLeadersAsync()
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = data.CreateCommand("SELECT count(*) FROM catalogue_frequent_terms WHERE lexeme = 'meetreek'");
            if ((long)(await command.ExecuteScalarAsync())! == 1)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the keeper made no leaders for \"meetreeks\" in 30 s");
            await Task.Delay(100);
        }
    }

    private static string Title(int i) => i is 5 or 35 ? $"Meetreeks meetreeks meetreeks {i:D2}" : $"Meetreeks {i:D2}";

    private async Task PublishAndAnalyseAsync()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var titles = Enumerable.Range(0, 38).Select(Title).Append("Zeldzame vlinders").Append("Zeldzame vogels").ToList();
        for (var i = 0; i < titles.Count; i++)
        {
            var kind = titles[i] == "Zeldzame vogels" ? Contracts.ResourceKind.Model : Contracts.ResourceKind.Dataset;
            var resource = CatalogueHost.Resource(hub, titles[i], kind: kind) with { ModifiedAt = start.AddSeconds(i) };
            await Host.PublishAsync(Snapshots.Event(resource, i + 1));
        }

        // The list of hits is exact whatever the counts are.
        await Host.WaitForSearchAsync($"hub={hub}&pageSize=100", r => r.GetProperty("items").GetArrayLength() == 40, "all 40 resources to be indexed");
        await ExecuteAsync("ANALYZE catalogue_search");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData(7, 1.0, 7)]
    [InlineData(7, 3.0, 21)]
    [InlineData(1234, 10.0, 12000)]
    [InlineData(1251, 200.0, 250000)]
    public void Estimates_are_rounded_to_two_significant_digits(long counted, double scale, long expected) =>
        Assert.Equal(expected, FacetTally.Estimate(counted, scale));

    private static List<(string, long)> Counts(JsonElement result, string facet) =>
        result.GetProperty("facets").GetProperty(facet).EnumerateArray()
            .Select(f => (f.GetProperty("value").GetString()!, f.GetProperty("count").GetInt64())).OrderBy(f => f.Item1).ToList();
}
