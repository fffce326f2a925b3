using Federation.Hub.Compute.Usage;

namespace Federation.Hub.Tests;

/// <summary>
/// Slurm's sacct --parsable2 lines as the facility reads them: durations, GPU counts, energy (0 is no measurement),
/// steps and unfinished jobs passed over, end times with their offset or in the scheduler's zone, cluster-qualified
/// job ids, and every malformed field by name.
/// </summary>
public sealed class SacctParserSpecs
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly SacctParser Parser = SacctParser.ForHeader("JobID|JobName|Account|State|Elapsed|AllocTRES|ConsumedEnergyRaw|End", Amsterdam).Parser!;

    [Theory]
    [InlineData("1-02:03:04", "gres/gpu=4", 93_784, 4)]
    [InlineData("02:00:00", "billing=64,cpu=64,gres/gpu=8,mem=500G,node=1", 7_200, 8)]
    [InlineData("05:30", "cpu=2,mem=4G,node=1", 330, 0)]
    [InlineData("00:00:10.250", "gres/gpu:h100=2", 10, 2)]
    [InlineData("10-00:00:00", "", 864_000, 0)]
    public void A_job_line_gives_its_accelerators_and_duration(string elapsed, string tres, long seconds, int gpus)
    {
        var parsed = Parser.Parse(2, $"4711|train|fed-abc|COMPLETED|{elapsed}|{tres}|7200000|2027-01-31T17:00:00+0100");

        Assert.Null(parsed.Problem);
        var line = parsed.Line!;
        Assert.Equal((seconds, gpus), (line.ElapsedSeconds, line.Gpus));
        Assert.Equal(Math.Round(gpus * seconds / 3600m, 6), line.AcceleratorHours);
        Assert.Equal(2m, line.EnergyKwh);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero), line.End);
    }

    [Theory]
    [InlineData("2027-01-31T17:00:00", "2027-01-31T16:00:00Z")]
    [InlineData("2027-07-31T17:00:00", "2027-07-31T15:00:00Z")]
    [InlineData("2027-07-31T17:00:00Z", "2027-07-31T17:00:00Z")]
    [InlineData("2027-07-31T17:00:00+02:00", "2027-07-31T15:00:00Z")]
    [InlineData("2027-07-31T17:00:00+0200", "2027-07-31T15:00:00Z")]
    [InlineData("2027-03-28T02:30:00", "2027-03-28T01:30:00Z")]
    public void An_end_without_an_offset_is_read_in_the_schedulers_zone(string end, string utc)
    {
        var line = Parser.Parse(2, $"4711|train|fed-abc|COMPLETED|01:00:00|gres/gpu=1||{end}").Line!;

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), line.End);
    }

    [Fact]
    public void Steps_and_jobs_that_have_not_ended_are_passed_over_and_zero_energy_is_no_measurement()
    {
        Assert.Equal(SacctResult.Step, Parser.Parse(3, "4711.batch|batch|fed-abc|COMPLETED|02:00:00|gres/gpu=4|7200000|2027-01-31T17:00:00"));
        Assert.True(Parser.Parse(4, "4712|x|fed-abc|RUNNING|02:00:00|gres/gpu=4||Unknown").Unfinished);
        Assert.True(Parser.Parse(5, "4713|x|fed-abc|PENDING|00:00:00|gres/gpu=4||").Unfinished);
        Assert.True(Parser.Parse(6, "4714|x|fed-abc|RUNNING|02:00:00|gres/gpu=4|0|2027-01-31T17:00:00").Unfinished);
        Assert.Null(Parser.Parse(7, "4715|x|fed-abc|CANCELLED by 1001|02:00:00|gres/gpu=4|0|2027-01-31T17:00:00").Line!.EnergyKwh);
    }

    [Fact]
    public void A_job_id_is_qualified_by_its_cluster_when_the_accounting_names_one()
    {
        var withCluster = SacctParser.ForHeader("Cluster|JobID|Account|Elapsed|AllocTRES|End", Amsterdam).Parser!;

        Assert.Equal("grace/4711", withCluster.Parse(2, "grace|4711|fed-abc|01:00:00|gres/gpu=1|2027-01-31T17:00:00").Line!.JobId);
        Assert.Equal("cluster", withCluster.Parse(3, "gr ace|4711|fed-abc|01:00:00|gres/gpu=1|2027-01-31T17:00:00").Field);
    }

    [Theory]
    [InlineData("4713|x|fed-abc|COMPLETED|02:00:00|gres/gpu=4|5", "line")]
    [InlineData("|x|fed-abc|COMPLETED|02:00:00|gres/gpu=4|5|2027-01-31T17:00:00", "jobId")]
    [InlineData("4713|x||COMPLETED|02:00:00|gres/gpu=4|5|2027-01-31T17:00:00", "account")]
    [InlineData("4713|x|fed-abc|COMPLETED|-02:00:00|gres/gpu=4|5|2027-01-31T17:00:00", "elapsed")]
    [InlineData("4713|x|fed-abc|COMPLETED|02:61:00|gres/gpu=4|5|2027-01-31T17:00:00", "elapsed")]
    [InlineData("4713|x|fed-abc|COMPLETED|lang|gres/gpu=4|5|2027-01-31T17:00:00", "elapsed")]
    [InlineData("4713|x|fed-abc|COMPLETED|02:00:00|gres/gpu=-4|5|2027-01-31T17:00:00", "allocTres")]
    [InlineData("4713|x|fed-abc|COMPLETED|02:00:00|gpus|5|2027-01-31T17:00:00", "allocTres")]
    [InlineData("4713|x|fed-abc|COMPLETED|02:00:00|gres/gpu=4|-5|2027-01-31T17:00:00", "consumedEnergyRaw")]
    [InlineData("4713|x|fed-abc|COMPLETED|02:00:00|gres/gpu=4|5|gisteren", "end")]
    public void A_malformed_field_is_named_and_never_read_as_zero(string text, string expected)
    {
        var parsed = Parser.Parse(5, text);

        Assert.Null(parsed.Line);
        Assert.Equal(expected, parsed.Field);
        Assert.NotNull(parsed.Problem);
    }

    [Fact]
    public void A_header_without_the_needed_columns_names_them()
    {
        var (parser, missing) = SacctParser.ForHeader("JobID|Elapsed|State", Amsterdam);

        Assert.Null(parser);
        Assert.Equal("Account, AllocTRES, End", missing);
    }
}
