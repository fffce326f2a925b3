using System.ComponentModel;
using System.Globalization;
using System.Text;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;
using Federation.Contracts.Compute;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary>
/// <c>federation compute usage import FILE</c>: imports a scheduler's accounting (<c>sacct --parsable2</c> output) at a
/// facility, in parts of <c>--lines</c> jobs each (the header sent with every part), with a progress bar. Each part is
/// all or nothing and jobs already counted are skipped, so a run stopped halfway is simply run again. With
/// <c>--dry-run</c> every part is checked and summed and nothing is kept.
/// </summary>
public sealed class UsageImportCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<UsageImportCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The output of: SLURM_TIME_FORMAT=%FT%T%z sacct --parsable2 --format=Cluster,JobID,Account,State,Elapsed,AllocTRES,ConsumedEnergyRaw,End")]
        public string File { get; set; } = "";

        [CommandOption("--dry-run")]
        [Description("Check and sum every line; keep nothing")]
        public bool DryRun { get; set; }

        [CommandOption("--lines <N>")]
        [Description("Lines per request (default 50000)")]
        public int Lines { get; set; } = AccountingParts.DefaultLines;

        public override ValidationResult Validate() =>
            !System.IO.File.Exists(File) ? ValidationResult.Error($"There is no file {File}.")
            : Lines is < 1 or > 500_000 ? ValidationResult.Error("--lines is 1 to 500000.")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        using var reader = new StreamReader(settings.File, Encoding.UTF8);
        var total = new FileInfo(settings.File).Length;
        var summaries = new List<UsageImportSummary>();
        IReadOnlyList<string>? refused = null;
        await console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(settings.DryRun ? "Checking" : "Importing", maxValue: Math.Max(total, 1));
                await foreach (var part in AccountingParts.ReadAsync(reader, settings.Lines, cancellationToken))
                {
                    var answer = await connection.Hub.ImportUsageAsync(part.Text, settings.DryRun, cancellationToken);
                    if (answer.Value is not { } summary)
                    {
                        refused = [.. Refusal.ReasonsOf(answer.Problem).Select(reason => AccountingParts.InFile(reason, part.FirstLine))];
                        return;
                    }

                    summaries.Add(summary);
                    task.Value = Math.Min(reader.BaseStream.Position, total);
                }

                task.Value = task.MaxValue;
            });

        if (refused is not null)
        {
            console.MarkupLine(summaries.Count == 0
                ? "[red]Refused; nothing of this part was imported:[/]"
                : $"[red]Refused; the {summaries.Count} part(s) before it were {(settings.DryRun ? "checked" : "imported")}, nothing of this one:[/]");
            foreach (var reason in refused)
            {
                console.MarkupLine($"  {Markup.Escape(reason)}");
            }

            return 2;
        }

        var unfinished = summaries.Sum(s => s.Unfinished);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(settings.DryRun ? "Would import" : "Imported")} {summaries.Sum(s => s.NewJobs):N0} new jobs ({summaries.Sum(s => s.AlreadyImported):N0} counted before): "
            + $"{summaries.Sum(s => s.AcceleratorHours):N1} accelerator-hours, {summaries.Sum(s => s.EnergyKwh):N1} kWh, in {summaries.Count} part(s).")
            + (unfinished > 0 ? string.Create(CultureInfo.InvariantCulture, $" {unfinished:N0} jobs had not ended; they are counted once they have.") : ""));
        return 0;
    }
}
