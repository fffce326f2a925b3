using System.Collections.Concurrent;
using System.Net;

namespace Federation.Benchmarks;

/// <summary>
/// Every request of one kind in a load run: its latency and what it was answered. 2xx and 3xx are successes, 429 is
/// a designed refusal, anything else (or no answer) is an error, kept with a few samples.
/// </summary>
internal sealed class OperationTally(string name)
{
    private readonly ConcurrentBag<double> latencies = [];
    private readonly ConcurrentQueue<string> samples = new();
    private long ok;
    private long limited;
    private long errors;

    public string Name { get; } = name;

    public long Ok => Interlocked.Read(ref ok);

    public long Limited => Interlocked.Read(ref limited);

    public long Errors => Interlocked.Read(ref errors);

    public IEnumerable<string> Samples => samples;

    public Distribution Latency => new(latencies);

    public void Record(HttpStatusCode? status, TimeSpan elapsed, string? what = null)
    {
        latencies.Add(elapsed.TotalMilliseconds);
        switch ((int?)status)
        {
            case >= 200 and < 400:
                Interlocked.Increment(ref ok);
                break;
            case 429:
                Interlocked.Increment(ref limited);
                break;
            default:
                Interlocked.Increment(ref errors);
                if (samples.Count < 5)
                {
                    samples.Enqueue($"{(status is null ? "no answer" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))} {what}");
                }

                break;
        }
    }
}
