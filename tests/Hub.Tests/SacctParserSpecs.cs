using Federation.Hub.Compute.Usage;

namespace Federation.Hub.Tests;

/// <summary>Slurm's sacct --parsable2 lines as the facility reads them: durations, GPU counts, energy, steps, and every malformed field by name.</summary>
public sealed class SacctParserSpecs
{
    private static readonly SacctParser Parser = SacctParser.ForHeader("JobID|JobName|Account|Elapsed|AllocTRES|ConsumedEnergyRaw|End").Parser!;

    [Theory]
    [InlineData("1-02:03:04", "gres/gpu=4", 93_784, 4)]
    [InlineData("02:00:00", "billing=64,cpu=64,gres/gpu=8,mem=500G,node=1", 7_200, 8)]
    [InlineData("05:30", "cpu=2,mem=4G,node=1", 330, 0)]
    [InlineData("00:00:10.250", "gres/gpu:h100=2", 10, 2)]
    [InlineData("10-00:00:00", "", 864_000, 0)]
    public void A_job_line_gives_its_accelerators_and_duration(string elapsed, string tres, long seconds, int gpus)
    {
        var (line, field, problem) = Parser.Parse(2, $"4711|train|fed-abc|{elapsed}|{tres}|7200000|2027-01-31T17:00:00");

        Assert.Null(problem);
        Assert.Null(field);
        Assert.Equal((seconds, gpus), (line!.ElapsedSeconds, line.Gpus));
        Assert.Equal(gpus * seconds / 3600m, line.AcceleratorHours);
        Assert.Equal(2m, line.EnergyKwh);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 17, 0, 0, TimeSpan.Zero), line.End);
    }

    [Fact]
    public void A_job_step_is_skipped_and_missing_energy_and_an_unknown_end_are_none()
    {
        Assert.Equal((null, null, null), Parser.Parse(3, "4711.batch|batch|fed-abc|02:00:00|gres/gpu=4|7200000|2027-01-31T17:00:00"));
        var (line, _, _) = Parser.Parse(4, "4712|x|fed-abc|02:00:00|gres/gpu=4||Unknown");
        Assert.Equal((null, null), (line!.EnergyKwh, line.End));
    }

    [Theory]
    [InlineData("4713|x|fed-abc|02:00:00|gres/gpu=4|5", "line")]
    [InlineData("|x|fed-abc|02:00:00|gres/gpu=4|5|", "jobId")]
    [InlineData("4713|x||02:00:00|gres/gpu=4|5|", "account")]
    [InlineData("4713|x|fed-abc|-02:00:00|gres/gpu=4|5|", "elapsed")]
    [InlineData("4713|x|fed-abc|02:61:00|gres/gpu=4|5|", "elapsed")]
    [InlineData("4713|x|fed-abc|lang|gres/gpu=4|5|", "elapsed")]
    [InlineData("4713|x|fed-abc|02:00:00|gres/gpu=-4|5|", "allocTres")]
    [InlineData("4713|x|fed-abc|02:00:00|gpus|5|", "allocTres")]
    [InlineData("4713|x|fed-abc|02:00:00|gres/gpu=4|-5|", "consumedEnergyRaw")]
    [InlineData("4713|x|fed-abc|02:00:00|gres/gpu=4|5|gisteren", "end")]
    public void A_malformed_field_is_named_and_never_read_as_zero(string text, string expected)
    {
        var (line, field, problem) = Parser.Parse(5, text);

        Assert.Null(line);
        Assert.Equal(expected, field);
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_header_without_the_needed_columns_names_them()
    {
        var (parser, missing) = SacctParser.ForHeader("JobID|Elapsed|State");

        Assert.Null(parser);
        Assert.Equal("Account, AllocTRES", missing);
    }
}
