using System.Globalization;

namespace Federation.Hub.Compute.Usage;

/// <summary>
/// Reads Slurm's <c>sacct --parsable2</c> output: a header naming the columns, then one line per job or job step,
/// fields separated by '|'. The columns needed are JobID, Account, Elapsed, AllocTRES (the accelerators are its
/// <c>gres/gpu</c> count) and End; ConsumedEnergyRaw (joules; 0 is "not measured"), State and Cluster are read when
/// present. Job steps (<c>1234.batch</c>, <c>1234.0</c>) repeat their job's allocation and are skipped, so every job is
/// counted once; a job that has not ended (no End, or a running state) is skipped too, and counted once it has, with
/// its final figures. End is read with its offset when it has one (SLURM_TIME_FORMAT=%FT%T%z), otherwise in the
/// scheduler's time zone; a job id is prefixed by its cluster when the accounting names one (ids repeat across clusters).
/// </summary>
public sealed class SacctParser
{
    private readonly int jobId;
    private readonly int account;
    private readonly int elapsed;
    private readonly int allocTres;
    private readonly int? energy;
    private readonly int end;
    private readonly int? state;
    private readonly int? cluster;
    private readonly int columns;
    private readonly TimeZoneInfo schedulerZone;

    private static readonly HashSet<string> Unfinished = new(StringComparer.OrdinalIgnoreCase) { "PENDING", "RUNNING", "REQUEUED", "RESIZING", "SUSPENDED" };

    private SacctParser(string[] header, TimeZoneInfo schedulerZone)
    {
        this.schedulerZone = schedulerZone;
        int? Find(string name) => Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : null;
        columns = header.Length;
        jobId = Find("JobID") ?? -1;
        account = Find("Account") ?? -1;
        elapsed = Find("Elapsed") ?? -1;
        allocTres = Find("AllocTRES") ?? -1;
        energy = Find("ConsumedEnergyRaw");
        end = Find("End") ?? -1;
        state = Find("State");
        cluster = Find("Cluster");
    }

    /// <summary>The parser for a header line, or the names of the columns it lacks.</summary>
    /// <param name="schedulerZone">The time zone the scheduler writes times in when they carry no offset.</param>
    public static (SacctParser? Parser, string? Missing) ForHeader(string headerLine, TimeZoneInfo schedulerZone)
    {
        var parser = new SacctParser(headerLine.Split('|'), schedulerZone);
        var missing = new[] { ("JobID", parser.jobId), ("Account", parser.account), ("Elapsed", parser.elapsed), ("AllocTRES", parser.allocTres), ("End", parser.end) }
            .Where(column => column.Item2 < 0).Select(column => column.Item1).ToList();
        return missing.Count == 0 ? (parser, null) : (null, string.Join(", ", missing));
    }

    /// <summary>
    /// The job of one line; no job for a job step (counted with its job) or a job that has not ended
    /// (<see cref="SacctResult.Unfinished"/>); or the field at fault and why. An empty Account or an Elapsed,
    /// AllocTRES, energy or End that does not read is an error, never a zero.
    /// </summary>
    public SacctResult Parse(int lineNumber, string text)
    {
        var fields = text.Split('|');
        if (fields.Length != columns)
        {
            return SacctResult.Wrong("line", $"has {fields.Length} fields; the header names {columns}");
        }

        var id = fields[jobId].Trim();
        if (id.Length is 0 or > 64 || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return SacctResult.Wrong("jobId", "is empty or not a job id");
        }

        if (id.Contains('.', StringComparison.Ordinal))
        {
            return SacctResult.Step;
        }

        var rawEnd = fields[end].Trim();
        if (rawEnd is "" or "Unknown" or "None" || (state is { } s && Unfinished.Contains(fields[s].Trim().Split(' ')[0])))
        {
            return SacctResult.Running;
        }

        if (cluster is { } c && fields[c].Trim() is { Length: > 0 } clusterName)
        {
            if (clusterName.Length > 64 || clusterName.Any(ch => char.IsControl(ch) || char.IsWhiteSpace(ch) || ch == '/'))
            {
                return SacctResult.Wrong("cluster", "is not a cluster name");
            }

            id = $"{clusterName}/{id}";
        }

        var accountName = fields[account].Trim();
        if (accountName.Length is 0 or > 100)
        {
            return SacctResult.Wrong("account", "is empty: every job is counted against the account of its allocation");
        }

        if (ParseElapsed(fields[elapsed].Trim()) is not { } seconds)
        {
            return SacctResult.Wrong("elapsed", $"'{Shown(fields[elapsed])}' is not [D-]HH:MM:SS");
        }

        if (ParseGpus(fields[allocTres].Trim()) is not { } gpus)
        {
            return SacctResult.Wrong("allocTres", $"'{Shown(fields[allocTres])}' is not a TRES list (key=value,…) with a whole, non-negative gres/gpu count");
        }

        long? joules = null;
        if (energy is { } e && fields[e].Trim() is { Length: > 0 } rawEnergy)
        {
            if (!long.TryParse(rawEnergy, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return SacctResult.Wrong("consumedEnergyRaw", $"'{Shown(rawEnergy)}' is not a whole, non-negative number of joules");
            }

            // Slurm writes 0 where no energy plugin measured anything: that is no measurement, not no energy.
            joules = parsed == 0 ? null : parsed;
        }

        if (ReadEnd(rawEnd) is not { } ended)
        {
            return SacctResult.Wrong("end", $"'{Shown(rawEnd)}' is not a time such as 2027-01-31T17:00:00 or 2027-01-31T17:00:00+0100");
        }

        return new SacctResult(new SacctLine(lineNumber, id, accountName, gpus, seconds, joules, ended), null, null, Unfinished: false);
    }

    private DateTimeOffset? ReadEnd(string value)
    {
        // %z writes +0100; .NET reads an offset with its colon.
        if (value.Length == 24 && value[19] is '+' or '-' && value[20..].All(char.IsAsciiDigit))
        {
            value = value[..22] + ":" + value[22..];
        }

        if (value.Length > 19 && DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            return withOffset.ToUniversalTime();
        }

        if (!DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        // A time the zone skips (spring forward) is read with the offset before the gap, the same moment as an hour on;
        // one it repeats (autumn) as standard time, the second of the two (what .NET gives for an ambiguous time).
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = schedulerZone.GetUtcOffset(schedulerZone.IsInvalidTime(unspecified) ? unspecified.AddHours(-1) : unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    // [DD-]HH:MM:SS, or MM:SS, or MM:SS.mmm for very short jobs (the fraction is dropped).
    private static long? ParseElapsed(string value)
    {
        var days = 0L;
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (!long.TryParse(value[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days) || days > 100_000)
            {
                return null;
            }

            value = value[(dash + 1)..];
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            value = value[..dot];
        }

        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var numbers = parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var (hours, minutes, seconds) = numbers.Length == 3 ? (numbers[0], numbers[1], numbers[2]) : (0, numbers[0], numbers[1]);
        return minutes > 59 || seconds > 59 ? null : ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
    }

    // billing=64,cpu=64,gres/gpu=4,mem=500G,node=1; a typed count (gres/gpu:h100=4) counts too.
    private static int? ParseGpus(string tres)
    {
        if (tres.Length == 0)
        {
            return 0;
        }

        var gpus = 0;
        foreach (var entry in tres.Split(','))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var key = entry[..equals];
            if (key == "gres/gpu" || (key.StartsWith("gres/gpu:", StringComparison.Ordinal) && gpus == 0))
            {
                if (!int.TryParse(entry[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 100_000)
                {
                    return null;
                }

                gpus = Math.Max(gpus, count);
            }
        }

        return gpus;
    }

    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
