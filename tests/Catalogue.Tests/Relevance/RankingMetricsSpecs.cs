namespace Federation.Catalogue.Tests.Relevance;

/// <summary>The measures on lists worked out by hand.</summary>
public sealed class RankingMetricsSpecs
{
    private static readonly Dictionary<string, int> Grades = new() { ["a"] = 3, ["b"] = 1, ["c"] = 2 };

    [Fact]
    public void The_ideal_order_scores_one_and_the_reverse_less()
    {
        Assert.Equal(1.0, RankingMetrics.NdcgAt(10, ["a", "c", "b"], Grades), 9);
        // DCG of b, c, a: 1/log2(2) + 3/log2(3) + 7/log2(4) = 1 + 1.8928 + 3.5; ideal: 7 + 3/log2(3) + 1/2 = 9.3928.
        Assert.Equal((1 + 3 / Math.Log2(3) + 3.5) / (7 + 3 / Math.Log2(3) + 0.5), RankingMetrics.NdcgAt(10, ["b", "c", "a"], Grades), 9);
    }

    [Fact]
    public void Unjudged_hits_count_as_not_relevant()
    {
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(["x", "b"], Grades));
        Assert.Equal(1.0 / 3, RankingMetrics.RecallAt(20, ["x", "b"], Grades), 9);
        Assert.Equal(0, RankingMetrics.NdcgAt(10, ["x", "y"], Grades));
    }

    [Fact]
    public void Only_the_top_k_count()
    {
        Assert.Equal(0, RankingMetrics.RecallAt(1, ["x", "a"], Grades));
        Assert.Equal(0, RankingMetrics.ReciprocalRank([], Grades));
    }
}
