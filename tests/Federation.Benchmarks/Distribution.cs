using System.Globalization;

namespace Federation.Benchmarks;

/// <summary>Percentiles of a set of measurements (nearest-rank).</summary>
internal sealed class Distribution(IEnumerable<double> values)
{
    private readonly double[] sorted = values.Order().ToArray();

    public int Count => sorted.Length;

    public IReadOnlyList<double> Values => sorted;

    public double Percentile(double p) => sorted.Length == 0 ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={Percentile(50):F1} p95={Percentile(95):F1} p99={Percentile(99):F1} max={Max:F1}");
}
