using System.Text.Json;
using Federation.Catalogue.Search;
using Federation.Testing;
using Npgsql;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Counts over results too large to count cheaply are estimates from a sample of the table, and say so; small
/// results stay exact. The bounds are set tiny here (10 rows) so that 40 resources are "large".
/// </summary>
public sealed class SearchEstimateSpecs : IAsyncLifetime
{
    private const int Limit = 10;
    private readonly string hub = CatalogueHost.NewHubId();
    private CatalogueHost catalogue = null!;

    public async ValueTask InitializeAsync() => catalogue = await CatalogueHost.StartAsync(new Dictionary<string, string>
    {
        ["Search:SampleRows"] = $"{Limit}",
        ["Search:ExactCountLimit"] = $"{Limit}",
        ["Search:ExactFacetRows"] = $"{Limit}",
    });

    public async ValueTask DisposeAsync() => await catalogue.DisposeAsync();

    [Fact]
    public async Task A_large_result_gives_estimates_and_says_so_while_a_small_one_stays_exact()
    {
        var titles = Enumerable.Range(0, 38).Select(i => $"Meetreeks {i:D2}").Append("Zeldzame vlinders").Append("Zeldzame vogels");
        long sequence = 0;
        foreach (var title in titles)
        {
            var kind = title.StartsWith("Zeldzame vogels", StringComparison.Ordinal) ? Contracts.ResourceKind.Model : Contracts.ResourceKind.Dataset;
            await catalogue.PublishAsync(Snapshots.Event(CatalogueHost.Resource(hub, title, kind: kind), ++sequence));
        }

        // 40 rows stay below autovacuum's analyse threshold (50), so until ANALYZE the table counts as small and exact.
        await catalogue.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == 40, "all 40 resources to be indexed");
        await using (var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(catalogue.Database)))
        {
            await using var analyse = data.CreateCommand("ANALYZE catalogue_search");
            await analyse.ExecuteNonQueryAsync();
        }

        var large = await catalogue.SearchAsync($"hub={hub}");
        var small = await catalogue.SearchAsync($"hub={hub}&q=zeldzame");

        Assert.True(large.GetProperty("totalIsEstimate").GetBoolean());
        Assert.True(large.GetProperty("facetsAreEstimates").GetBoolean());
        Assert.True(large.GetProperty("total").GetInt64() > Limit, "an estimate above the exact limit never claims fewer than it counted");
        Assert.Equal(20, large.GetProperty("items").GetArrayLength());
        Assert.False(small.GetProperty("totalIsEstimate").GetBoolean());
        Assert.False(small.GetProperty("facetsAreEstimates").GetBoolean());
        Assert.Equal(2, small.GetProperty("total").GetInt64());
        Assert.Equal([("dataset", 1L), ("model", 1L)], Counts(small, "kind"));
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
