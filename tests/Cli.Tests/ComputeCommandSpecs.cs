using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// A facility's staff at the command line: open a call, see the applications hubs sent, award one, and import the
/// scheduler's accounting in parts with a progress bar (a dry run first), a wrong line named by its line in the file.
/// </summary>
// In the hub collection, though it runs a federation of its own: the command line reads its secret from the process's
// environment, which specs of that collection take away for a moment (ArtifactAndAuditSpecs); run beside them, a
// command here would find no secret and fail as nobody signed in.
[Collection(HubCollection.Name)]
public sealed class ComputeCommandSpecs : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("federation-compute-").FullName;
    private LocalFederation federation = null!;

    private ServiceProcess Factory => federation.Hubs[LocalFederation.Facility.Id];

    private ServiceProcess Brainport => federation.Hubs["brainport"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        federation = await LocalFederation.CreateAsync("clicompute", hubs: ["brainport"], withFacility: true,
            hubSettings: new Dictionary<string, string> { ["Hub__SeedDemoData"] = "true" });
        Environment.SetEnvironmentVariable("FEDERATION_CLIENT_SECRET", LocalInfrastructure.ServiceClientSecret);
        await Eventually.Until(() => federation.Catalogue.CatalogueClient().SearchAsync("kind=compute&accessMode=call", Cancellation).EnsureSuccessAsync(),
            result => result.Total == 1, TimeSpan.FromSeconds(120), "the factory's offers in the catalogue");
    }

    public async ValueTask DisposeAsync()
    {
        await federation.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Staff_open_a_call_award_an_application_and_import_usage_in_parts_after_a_dry_run()
    {
        var offer = (await federation.Catalogue.CatalogueClient().SearchAsync("kind=compute&accessMode=call", Cancellation).EnsureSuccessAsync()).Items.Single().Id;
        var start = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = DateTime.UtcNow.AddDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var opened = await CliRun.At(Factory, "compute", "calls", "open", "--offer", offer.ToString(), "--title", "Voorjaarscall 2027", "--mode", "call",
            "--capacity", "100000", "--eligible", "start-up,sme", "--deadline", DateTimeOffset.UtcNow.AddDays(20).ToString("O"), "--reviews", "0",
            "--start", start, "--end", end);
        Assert.True(opened.ExitCode == 0, opened.Output);
        var callId = Guid.Parse(opened.Output.Split(' ')[1]);
        var listedCalls = await CliRun.At(Factory, "compute", "calls", "list");
        Assert.Contains("Voorjaarscall 2027", listedCalls.Output, StringComparison.Ordinal);

        var application = await EndorsedApplicationAsync(callId, DateOnly.Parse(start, CultureInfo.InvariantCulture));
        await Eventually.Until(() => CliRun.At(Factory, "compute", "applications", "list", "--call", callId.ToString()),
            run => run.Output.Contains(application.ToString(), StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the application at the factory");
        var wrongPartition = await CliRun.At(Factory, "compute", "applications", "award", application.ToString(), "--hours", "10000", "--partition", "gpu-a100",
            "--start", start, "--end", end);
        Assert.True(wrongPartition.ExitCode == 2, wrongPartition.Output);
        Assert.Contains("partition", wrongPartition.Output, StringComparison.Ordinal);
        var awarded = await CliRun.At(Factory, "compute", "applications", "award", application.ToString(), "--hours", "10000", "--partition", "gpu-h100",
            "--start", start, "--end", end);
        Assert.True(awarded.ExitCode == 0, awarded.Output);
        var account = (await CliRun.At(Factory, "compute", "allocations")).Output.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.TrimEntries)).First(cells => cells.Length > 2 && cells[2].StartsWith("fed-", StringComparison.Ordinal))[2];

        // 1,200 jobs of 1 GPU for 2 hours: 2,400 accelerator-hours, sent in three parts.
        var ended = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var jobs = Enumerable.Range(0, 1_200).Select(i => $"{7_000_000 + i}|{account}|02:00:00|cpu=8,gres/gpu=1,node=1|720000|{ended}");
        var accounting = Path.Combine(folder, "sacct.txt");
        await File.WriteAllLinesAsync(accounting, ["JobID|Account|Elapsed|AllocTRES|ConsumedEnergyRaw|End", .. jobs], Cancellation);

        var dryRun = await CliRun.At(Factory, "compute", "usage", "import", accounting, "--dry-run", "--lines", "500");
        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Contains("Would import 1,200 new jobs (0 counted before): 2,400.0 accelerator-hours, 240.0 kWh, in 3 part(s).", dryRun.Output, StringComparison.Ordinal);
        var imported = await CliRun.At(Factory, "compute", "usage", "import", accounting, "--lines", "500");
        Assert.Contains("Imported 1,200 new jobs (0 counted before): 2,400.0 accelerator-hours", imported.Output, StringComparison.Ordinal);
        var again = await CliRun.At(Factory, "compute", "usage", "import", accounting, "--lines", "500");
        Assert.Contains("Imported 0 new jobs (1,200 counted before)", again.Output, StringComparison.Ordinal);

        // Line 703 of the file is wrong: it is in the second part, and named by its line in the file.
        var lines = await File.ReadAllLinesAsync(accounting, Cancellation);
        lines[702] = $"8000001|{account}|2:xx:00|gres/gpu=1|0|{ended}";
        var broken = Path.Combine(folder, "broken.txt");
        await File.WriteAllLinesAsync(broken, lines, Cancellation);
        var refused = await CliRun.At(Factory, "compute", "usage", "import", broken, "--lines", "500");
        Assert.True(refused.ExitCode == 2, refused.Output);
        Assert.Contains("Line 703: elapsed", refused.Output, StringComparison.Ordinal);
        Assert.Contains("2,400.0", (await CliRun.At(Factory, "compute", "allocations")).Output, StringComparison.Ordinal);
    }

    // A Brainport member applies at home and Brainport's staff endorse it (their own API, not the command line's business).
    private async Task<Guid> EndorsedApplicationAsync(Guid callId, DateOnly start)
    {
        using var member = new HttpClient { BaseAddress = Brainport.BaseUrl };
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await FederatedSignIn.AtHomeAsync(Brainport, "company")).AccessToken);
        var created = await member.PostAsJsonAsync("me/compute-applications", new ApplicationInput(
            LocalFederation.Facility.Id, callId, "Predictive maintenance for CNC spindles",
            "Training a transformer on vibration data of two hundred spindles to predict failures a week ahead, published in the federation.",
            20_000, start, start.AddDays(100), "start-up", "C", "NL-NB", false, [], "minimal", false, []), FederationJson.Options, Cancellation);
        var application = (await created.Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options, Cancellation))!;
        using var staff = new HttpClient { BaseAddress = Brainport.BaseUrl };
        staff.DefaultRequestHeaders.Authorization = await Brainport.StaffAuthorizationAsync();
        (await staff.PostAsJsonAsync($"compute-applications/{application.Id}/endorse", new EndorsementInput(true, "KvK checked."), FederationJson.Options, Cancellation))
            .EnsureSuccessStatusCode();
        return application.Id;
    }
}
