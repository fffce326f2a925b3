using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Harvest;

/// <summary>
/// <c>federation harvest run SOURCE [--dry-run]</c>: starts a run by hand and follows it with a progress bar (datasets
/// read of those the source announces, page by page; a line a page when the output is not a terminal), then prints its
/// report. Exit code 0 when it succeeded, 3 when
/// it is held for staff to confirm withdrawals, 1 when it failed.
/// </summary>
public sealed class HarvestRunCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HarvestRunCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("The source's id (federation harvest sources)")]
        public Guid Source { get; set; }

        [CommandOption("--dry-run")]
        [Description("Read the source and count what the run would do; store nothing")]
        public bool DryRun { get; set; }

        [CommandOption("--no-wait")]
        [Description("Start the run and return at once")]
        public bool NoWait { get; set; }
    }

    // The run as the hub says it is now. A hub that refuses to say (the session ended, the run is gone) ends the wait
    // with its reason rather than letting it go on for ever.
    private static async Task<Contracts.Harvest.HarvestRun> NextAsync(HubConnection connection, Contracts.Harvest.HarvestRun run, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        var answer = await connection.Hub.HarvestRunAsync(run.Id, cancellationToken);
        return answer.Value ?? throw new Federation.Clients.Results.ApiProblemException(answer.Problem!);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var started = await connection.Hub.StartHarvestAsync(settings.Source, settings.DryRun, cancellationToken);
        if (started.Value is not { } run)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(started.Problem))}");
            return 2;
        }

        console.WriteLine($"Run {run.Id} queued{(settings.DryRun ? " (dry run)" : "")}.");
        if (settings.NoWait)
        {
            return 0;
        }

        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var bar = progress.AddTask("waiting", maxValue: 1);
                    while (run.FinishedAt is null)
                    {
                        run = await NextAsync(connection, run, cancellationToken);
                        bar.MaxValue = Math.Max(1, run.TotalDatasets ?? run.DatasetsSeen + 1);
                        bar.Value = Math.Min(run.DatasetsSeen, bar.MaxValue);
                        bar.Description = run.State == "queued" ? "waiting" : $"page {run.PagesRead + (run.FinishedAt is null ? 1 : 0)}, {run.DatasetsSeen} datasets";
                    }

                    bar.Value = bar.MaxValue;
                });
        }
        else
        {
            // Not a terminal (a pipe, a log): a line each time a page is done, instead of a bar.
            var pages = 0;
            while (run.FinishedAt is null)
            {
                run = await NextAsync(connection, run, cancellationToken);
                if (run.PagesRead > pages)
                {
                    pages = run.PagesRead;
                    console.WriteLine($"page {pages} read: {run.DatasetsSeen} of {(run.TotalDatasets is { } total ? total : "?")} datasets");
                }
            }
        }

        HarvestReport.Write(console, run);
        return run.State switch
        {
            "succeeded" or "confirmed" => 0,
            "held" => 3,
            _ => 1,
        };
    }
}
