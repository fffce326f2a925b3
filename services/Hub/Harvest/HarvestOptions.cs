using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Harvest;

/// <summary>How the hub harvests the catalogues staff register (section <c>Harvest</c>).</summary>
public sealed class HarvestOptions
{
    public const string Section = "Harvest";

    /// <summary>How often the scheduler looks for sources that are due and runs queued by hand.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one page may take to arrive, whole.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest page read; a catalogue page of a hundred datasets is well under a megabyte.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxPageBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The most pages one run follows (a source whose paging never ends is stopped there, as failed).</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 10_000;

    /// <summary>How many datasets of a page are written side by side.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>The wait before the first retry of a failed run; each further failure doubles it, up to <see cref="MaxRetryAfter"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Whether sources may be at loopback, private or link-local addresses. Off by default: a registered address must
    /// not become a way to make the hub read its own network. The local run and the tests, whose sources are on this
    /// machine, switch it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The shortest schedule a source may have.</summary>
    public static readonly TimeSpan ShortestSchedule = TimeSpan.FromMinutes(15);
}
