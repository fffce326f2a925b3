using Federation.Contracts.Hub;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Resources;
using Federation.ServiceDefaults.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Compute.Accounting;

/// <summary>
/// A facility describes its open accounting as a dataset of its own, published like any other: open, CC0, updated
/// continuously, with its CSV and JSON (GET /transparency.csv, /transparency) as distributions at the facility's
/// public address. The catalogue then finds it, and exports it in DCAT-AP like every dataset. Made once when the
/// facility first starts; made again when its public address changed. Staff may withdraw it; it is not brought back.
/// </summary>
public sealed partial class TransparencyDataset(
    IGrainFactory grains, NpgsqlDataSource database, IOptions<HubOptions> options, IHostApplicationLifetime lifetime, ILogger<TransparencyDataset> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = options.Value;
        if (!hub.IsFacility || hub.PublicUrl is not { } publicUrl)
        {
            return;
        }

        // Grains are callable only once the silo runs, which is when the application has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            // Silos of one facility starting together take turns; the second finds the dataset there.
            await using var exclusive = await AdvisoryLock.AcquireAsync(database, "facility-transparency-dataset", stoppingToken);
            await DescribeAsync(hub, publicUrl);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Its description is a convenience beside the accounting itself: the facility serves without it, and tries next start.
            LogFailed(logger, exception);
        }
    }

    private async Task DescribeAsync(HubOptions hub, Uri publicUrl)
    {
        var (content, errors) = ResourceValidator.Validate(InputFor(hub, publicUrl), hub.Kind);
        if (content is null)
        {
            LogInvalid(logger, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            return;
        }

        var grain = grains.GetGrain<IResourceGrain>(IdOf(hub.Id));
        var actor = AuditActor.System(hub.Id, "open accounting");
        var held = await grain.Get();
        if (held is null || held.State == Contracts.ResourceState.Draft)
        {
            // A draft is one an earlier start made and could not publish (stopped in between): published now.
            if (held is null)
            {
                await grain.CreateDraft(content, actor);
            }

            await grain.Publish(null, actor);
            LogDescribed(logger, hub.Id);
        }
        else if (held.State == Contracts.ResourceState.Published
                 && held.Dataset?.Distributions?.FirstOrDefault()?.DownloadUrl != content.Dataset?.Distributions?.FirstOrDefault()?.DownloadUrl)
        {
            // The facility moved: its distributions point at the new address.
            await grain.Update(content, held.Version, actor);
            await grain.Publish(null, actor);
        }
    }

    /// <summary>The dataset's id: one per facility, the same at every start.</summary>
    public static Guid IdOf(string facilityId) => StableResourceId.Of(facilityId, "open-accounting");

    private static ResourceInput InputFor(HubOptions hub, Uri publicUrl) => new()
    {
        Kind = "dataset",
        Title = $"Open accounting of compute — {hub.DisplayName}",
        Summary = "Accelerator-hours offered, awarded and used; applications and decisions; energy — by month, hub, province, kind of organisation, sector and access mode.",
        Description = "The figures behind the federation's transparency page for this facility, as they stand: a row per month, dimension, value and measure. "
            + "Measures: offeredHours, applications, awardedHours, decisions, decisionDays, usedHours, energyKwh, energyAtHeatReuseKwh. "
            + "No personal names appear; organisations only when they agreed to be named.",
        Keywords = ["compute", "AI factory", "transparency", "accelerator-hours", "energy", "GPU"],
        Themes = ["TECH", "ECON"],
        Licence = "CC0-1.0",
        AccessPolicy = "open",
        Publisher = hub.DisplayName,
        Language = "en",
        Dataset = new DatasetInput(null, null, "Nederland", "CONT",
        [
            new DistributionInput("Open accounting (CSV)", "text/csv", "CSV", null, null, null, new Uri(publicUrl, "transparency.csv").AbsoluteUri),
            new DistributionInput("Open accounting (JSON)", "application/json", "JSON", null, null, null, new Uri(publicUrl, "transparency").AbsoluteUri),
        ], false, null, "Counted by the facility as it decides applications and imports its scheduler's accounting (Slurm sacct).", null),
        Sovereignty = new SovereigntyInput("NL", ["NL"], "NL"),
    };

    [LoggerMessage(LogLevel.Information, "The open accounting of {FacilityId} is described as a dataset")]
    private static partial void LogDescribed(ILogger logger, string facilityId);

    [LoggerMessage(LogLevel.Error, "The open accounting's dataset is invalid: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string errors);

    [LoggerMessage(LogLevel.Warning, "The open accounting could not be described as a dataset; the facility tries again at its next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
