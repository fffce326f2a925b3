using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Testing;
using static Federation.IntegrationTests.ComputeSteps;

namespace Federation.IntegrationTests;

/// <summary>
/// The factory imports its scheduler's real accounting (sacct --parsable2), idempotent on job id and all or nothing;
/// each allocation's use reaches the member's home hub, with hours left and a warning at 80 and at 100 per cent.
/// </summary>
[Collection(ComputeCollection.Name)]
public sealed class ComputeUsageSpecs(ComputeFixture fixture)
{
    private const string Header = "JobID|JobName|Account|Partition|Elapsed|AllocTRES|ConsumedEnergyRaw|State|End";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ComputeSteps Steps => new(fixture);

    [Fact]
    public async Task Imported_use_reaches_the_member_at_home_with_hours_left_and_the_80_per_cent_warning_and_a_repeat_counts_nothing()
    {
        var (application, grant) = await Steps.AwardedAsync(hours: 2_000, awarded: 1_000);
        using var factoryStaff = await SignedInAsync(fixture.Factory, "staff");
        var ended = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss");
        // 4 GPUs × 100 h + 8 GPUs × 50 h = 800 accelerator-hours; the steps repeat their job and are not counted again.
        var first = Job();
        var accounting = Sacct(
            $"{first}|train|{grant.Account}|gpu-h100|4-04:00:00|billing=64,cpu=64,gres/gpu=4,mem=500G,node=1|1440000000|COMPLETED|{ended}",
            $"{first}.batch|batch|{grant.Account}||4-04:00:00|cpu=64,gres/gpu=4,mem=500G,node=1|1440000000|COMPLETED|{ended}",
            $"{Job()}|sweep|{grant.Account}|gpu-h100|2-02:00:00|billing=128,cpu=128,gres/gpu:h100=8,mem=1000G,node=2|720000000|COMPLETED|{ended}");

        var dryRun = await ImportAsync(factoryStaff, accounting, dryRun: true);
        Assert.Equal((true, 2L, 2L, 800m, 600m), (dryRun.DryRun, dryRun.Jobs, dryRun.NewJobs, dryRun.AcceleratorHours, dryRun.EnergyKwh));
        Assert.Equal(0m, (await AllocationAtFactoryAsync(factoryStaff, grant.AllocationId)).UsedHours);

        var imported = await ImportAsync(factoryStaff, accounting);
        Assert.Equal((false, 2L, 0L, 800m), (imported.DryRun, imported.NewJobs, imported.AlreadyImported, imported.AcceleratorHours));
        var again = await ImportAsync(factoryStaff, accounting);
        Assert.Equal((0L, 2L, 0m), (again.NewJobs, again.AlreadyImported, again.AcceleratorHours));
        Assert.Equal(800m, (await AllocationAtFactoryAsync(factoryStaff, grant.AllocationId)).UsedHours);

        using var member = await SignedInAsync(fixture.Brainport, "company");
        var mine = await Eventually.Until(() => member.GetFromJsonAsync<List<MemberAllocation>>("me/compute-allocations", FederationJson.Options, Cancellation),
            list => list!.Any(a => a.ApplicationId == application.Id && a.UsedHours == 800m), TimeSpan.FromSeconds(30), "the use at home");
        var allocation = mine!.Single(a => a.ApplicationId == application.Id);
        Assert.Equal((200m, 600m, 80, grant.End), (allocation.LeftHours, allocation.EnergyKwh, allocation.Warning, allocation.Allocation.End));
        var warnings = (await member.GetFromJsonAsync<JsonElement>("me/notifications", Cancellation)).EnumerateArray()
            .Where(n => n.GetProperty("subject").GetString() == "compute-allocation" && n.GetProperty("resourceId").GetGuid() == application.CallId).ToList();
        Assert.Equal(["used-80"], warnings.Select(n => n.GetProperty("decision").GetString()));

        // Past the quota: the 100 % warning, once.
        await ImportAsync(factoryStaff, Sacct($"{Job()}|more|{grant.Account}|gpu-h100|1-01:00:00|gres/gpu=8|0|COMPLETED|{ended}"));
        await Eventually.Until(() => member.GetFromJsonAsync<List<MemberAllocation>>("me/compute-allocations", FederationJson.Options, Cancellation),
            list => list!.Single(a => a.ApplicationId == application.Id).Warning == 100, TimeSpan.FromSeconds(30), "the 100 % warning at home");
        var after = (await member.GetFromJsonAsync<JsonElement>("me/notifications", Cancellation)).EnumerateArray()
            .Where(n => n.GetProperty("subject").GetString() == "compute-allocation" && n.GetProperty("resourceId").GetGuid() == application.CallId)
            .Select(n => n.GetProperty("decision").GetString()).Order().ToList();
        Assert.Equal(["used-100", "used-80"], after);
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { "an account of no allocation", "account" },
        { "a job that ended after its allocation", "end" },
        { "a negative energy", "consumedEnergyRaw" },
        { "an elapsed time that does not read", "elapsed" },
        { "a GPU count that does not read", "allocTres" },
        { "a line with too few fields", "line" },
        { "a job counted before with other figures", "jobId" },
        { "the same job twice with other figures", "jobId" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_line_refuses_the_whole_import_naming_its_line_and_field_and_nothing_is_counted(string bad, string field)
    {
        var (_, grant) = await Steps.AwardedAsync(hours: 1_000, awarded: 500);
        using var factoryStaff = await SignedInAsync(fixture.Factory, "staff");
        var ended = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss");
        var counted = Job();
        await ImportAsync(factoryStaff, Sacct($"{counted}|first|{grant.Account}|gpu-h100|01:00:00|gres/gpu=4|3600000|COMPLETED|{ended}"));
        var good = $"{Job()}|fine|{grant.Account}|gpu-h100|10:00:00|gres/gpu=2|0|COMPLETED|{ended}";
        var line = bad switch
        {
            "an account of no allocation" => $"{Job()}|x|fed-000000000000|gpu-h100|01:00:00|gres/gpu=1||COMPLETED|{ended}",
            "a job that ended after its allocation" => $"{Job()}|x|{grant.Account}|gpu-h100|01:00:00|gres/gpu=1||COMPLETED|{grant.End.AddDays(3):yyyy-MM-dd}T10:00:00",
            "a negative energy" => $"{Job()}|x|{grant.Account}|gpu-h100|01:00:00|gres/gpu=1|-5|COMPLETED|{ended}",
            "an elapsed time that does not read" => $"{Job()}|x|{grant.Account}|gpu-h100|-01:00:00|gres/gpu=1||COMPLETED|{ended}",
            "a GPU count that does not read" => $"{Job()}|x|{grant.Account}|gpu-h100|01:00:00|gres/gpu=-2||COMPLETED|{ended}",
            "a line with too few fields" => $"{Job()}|x|{grant.Account}",
            "a job counted before with other figures" => $"{counted}|first|{grant.Account}|gpu-h100|02:00:00|gres/gpu=4|3600000|COMPLETED|{ended}",
            _ => $"{good.Split('|')[0]}|twice|{grant.Account}|gpu-h100|99:00:00|gres/gpu=2|0|COMPLETED|{ended}",
        };
        var before = await AllocationAtFactoryAsync(factoryStaff, grant.AllocationId);

        var response = await factoryStaff.PostAsync("usage", new StringContent(Sacct(good, line), Encoding.UTF8, "text/plain"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), error => error.Name == $"lines[{(bad == "the same job twice with other figures" ? 2 : 3)}].{field}");
        Assert.Equal(before, await AllocationAtFactoryAsync(factoryStaff, grant.AllocationId));
    }

    [Fact]
    public async Task A_job_that_has_not_ended_is_passed_over_and_counted_once_it_has_with_its_final_figures()
    {
        var (_, grant) = await Steps.AwardedAsync(hours: 1_000, awarded: 500);
        using var factoryStaff = await SignedInAsync(fixture.Factory, "staff");
        var job = Job();

        var running = await ImportAsync(factoryStaff, Sacct($"{job}|long|{grant.Account}|gpu-h100|01:00:00|gres/gpu=4||RUNNING|Unknown"));
        // With its offset, as SLURM_TIME_FORMAT=%FT%T%z writes it.
        var ended = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+0000";
        var finished = await ImportAsync(factoryStaff, Sacct($"{job}|long|{grant.Account}|gpu-h100|03:00:00|gres/gpu=4|43200000|COMPLETED|{ended}"));

        Assert.Equal((0L, 1L), (running.NewJobs, running.Unfinished));
        Assert.Equal((1L, 12m, 12m), (finished.NewJobs, finished.AcceleratorHours, finished.EnergyKwh));
        Assert.Equal((12m, 12m, 1L), await AllocationAtFactoryAsync(factoryStaff, grant.AllocationId));
    }

    [Fact]
    public async Task Accounting_without_the_needed_columns_is_refused_by_its_header()
    {
        using var factoryStaff = await SignedInAsync(fixture.Factory, "staff");

        var response = await factoryStaff.PostAsync("usage", new StringContent("JobID|Elapsed\n1|01:00:00\n", Encoding.UTF8, "text/plain"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Contains("Account, AllocTRES", errors.GetProperty("header")[0].GetString(), StringComparison.Ordinal);
    }

    private static string Sacct(params string[] lines) => string.Join('\n', [Header, .. lines]) + "\n";

    private static int jobs = Random.Shared.Next(1_000_000, 9_000_000);

    // Job ids unique across the specs' imports, as a scheduler's are.
    private static string Job() => Interlocked.Increment(ref jobs).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<UsageImportSummary> ImportAsync(HttpClient staff, string accounting, bool dryRun = false)
    {
        var response = await staff.PostAsync($"usage?dryRun={(dryRun ? "true" : "false")}", new StringContent(accounting, Encoding.UTF8, "text/plain"), Cancellation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancellation));
        return (await response.Content.ReadFromJsonAsync<UsageImportSummary>(FederationJson.Options, Cancellation))!;
    }

    private static async Task<(decimal UsedHours, decimal EnergyKwh, long Jobs)> AllocationAtFactoryAsync(HttpClient staff, Guid allocationId)
    {
        var all = await staff.GetFromJsonAsync<JsonElement>("allocations", Cancellation);
        var one = all.EnumerateArray().Single(a => a.GetProperty("allocationId").GetGuid() == allocationId);
        return (one.GetProperty("usedHours").GetDecimal(), one.GetProperty("energyKwh").GetDecimal(), one.GetProperty("jobs").GetInt64());
    }
}
