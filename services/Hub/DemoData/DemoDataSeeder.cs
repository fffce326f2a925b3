using System.Text.Json;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Resources;
using Federation.ServiceDefaults.Postgres;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.DemoData;

/// <summary>
/// Fills the hub with the believable resources of DemoData/&lt;hub-id&gt;.json when Hub:SeedDemoData is set. Each
/// resource's id derives from the hub and its title, so seeding again adds only what is missing.
/// </summary>
public sealed partial class DemoDataSeeder(
    IGrainFactory grains,
    NpgsqlDataSource database,
    IOptions<HubOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = options.Value;
        if (!hub.SeedDemoData)
        {
            return;
        }

        // Grains are callable only once the silo runs, which is when the application has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var path = Path.Combine(environment.ContentRootPath, "DemoData", $"{hub.Id}.json");
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, "DemoData", $"{hub.Id}.json");
        }

        if (!File.Exists(path))
        {
            LogNoDemoData(logger, hub.Id);
            return;
        }

        try
        {
            // Silos of one hub starting together seed one after the other; the second finds everything there.
            await using var exclusive = await AdvisoryLock.AcquireAsync(database, "hub-demo-data", stoppingToken);
            await SeedAsync(hub.Id, path, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Demo data is a convenience: a hub whose database is briefly away still serves, and seeds next start.
            LogSeedingFailed(logger, exception);
        }
    }

    private async Task SeedAsync(string hubId, string path, CancellationToken stoppingToken)
    {
        var items = JsonSerializer.Deserialize<DemoResource[]>(await File.ReadAllTextAsync(path, stoppingToken), FederationJson.Options) ?? [];
        var created = 0;
        foreach (var item in items)
        {
            var (content, errors) = ResourceValidator.Validate(item.ToInput(), options.Value.Kind);
            if (content is null)
            {
                LogInvalid(logger, item.Title, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                continue;
            }

            if (content.Model?.TrainingCompute is not null)
            {
                // Its figures come from an award at this hub, which seeding has not made: demo models cite no allocation.
                LogInvalid(logger, item.Title, "model.trainedUnder: demo data cannot cite a compute allocation.");
                continue;
            }

            var grain = grains.GetGrain<IResourceGrain>(IdOf(hubId, content.Title));
            if (await grain.Get() is not null)
            {
                continue;
            }

            await grain.CreateDraft(content, AuditActor.System(hubId, "demo-data"));
            if (!item.Draft)
            {
                await grain.Publish(null, AuditActor.System(hubId, "demo-data"));
            }

            created++;
        }

        LogSeeded(logger, created, items.Length);
    }

    /// <summary>A stable id per hub and title.</summary>
    internal static Guid IdOf(string hubId, string title) => StableResourceId.Of(hubId, title);

    [LoggerMessage(LogLevel.Information, "Demo data: created {Created} of {Total} resources")]
    private static partial void LogSeeded(ILogger logger, int created, int total);

    [LoggerMessage(LogLevel.Error, "Demo data could not be seeded")]
    private static partial void LogSeedingFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Demo data: no file for hub {HubId}")]
    private static partial void LogNoDemoData(ILogger logger, string hubId);

    [LoggerMessage(LogLevel.Error, "Demo data: '{Title}' is invalid: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string? title, string errors);
}
