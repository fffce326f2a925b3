using Federation.Contracts.Compute;

namespace Federation.Portal.Transparency;

/// <summary>
/// A facility's running amounts read for a page: totals over all months, amounts by one dimension's values, and by
/// month, for one measure each. Nothing is summed but rows the facility gave (they are running amounts already).
/// </summary>
public sealed class AccountingFigures(IReadOnlyList<AccountingRow> rows)
{
    public decimal Total(string measure) => rows.Where(r => r.Dimension == "all" && r.Measure == measure).Sum(r => r.Amount);

    /// <summary>The amounts of <paramref name="measure"/> per value of <paramref name="dimension"/>, largest first.</summary>
    public IReadOnlyList<(string Label, decimal Amount)> By(string dimension, string measure) =>
        [.. rows.Where(r => r.Dimension == dimension && r.Measure == measure).GroupBy(r => r.Value)
            .Select(g => (g.Key, g.Sum(r => r.Amount))).Where(x => x.Item2 != 0).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)];

    /// <summary>The amounts of <paramref name="measure"/> per month (yyyy-MM), oldest first.</summary>
    public IReadOnlyList<(string Label, decimal Amount)> ByMonth(string measure) =>
        [.. rows.Where(r => r.Dimension == "all" && r.Measure == measure).OrderBy(r => r.Month, StringComparer.Ordinal).Select(r => (r.Month, r.Amount))];

    /// <summary>The average days from an application's arrival to its decision, when any was decided.</summary>
    public decimal? AverageDecisionDays => Total("decisions") is > 0 and var decisions ? Total("decisionDays") / decisions : null;

    /// <summary>The share of awarded accelerator-hours that went to start-ups, scale-ups and SMEs.</summary>
    public decimal? SmallCompanyShare => Total("awardedHours") is > 0 and var awarded
        ? By("organisationType", "awardedHours").Where(x => x.Label is "start-up" or "scale-up" or "sme").Sum(x => x.Amount) / awarded
        : null;
}
