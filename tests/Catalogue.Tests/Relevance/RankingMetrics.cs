namespace Federation.Catalogue.Tests.Relevance;

/// <summary>
/// The usual measures of a ranked list against graded judgements (0 = not relevant, 1 marginal, 2 relevant, 3 exactly
/// what was asked for): nDCG@k with gain 2^grade − 1 and a log2 discount, recall@k of everything judged relevant, and
/// the reciprocal rank of the first relevant hit.
/// </summary>
public static class RankingMetrics
{
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        var ideal = Dcg(grades.Values.OrderByDescending(g => g).Take(k));
        return ideal == 0 ? 0 : Dcg(ranked.Take(k).Select(key => grades.GetValueOrDefault(key))) / ideal;
    }

    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        var relevant = grades.Count(pair => pair.Value > 0);
        return relevant == 0 ? 0 : (double)ranked.Take(k).Count(key => grades.GetValueOrDefault(key) > 0) / relevant;
    }

    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (grades.GetValueOrDefault(ranked[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    private static double Dcg(IEnumerable<int> grades) =>
        grades.Select((grade, index) => (Math.Pow(2, grade) - 1) / Math.Log2(index + 2)).Sum();
}
