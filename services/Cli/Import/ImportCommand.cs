using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Import;

/// <summary>
/// <c>federation import FILE</c>: resources from CSV or JSON lines into the hub, with a progress bar and a summary
/// of what was created, changed, left unchanged and refused (with the line and the hub's reasons).
/// </summary>
public sealed class ImportCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<ImportCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A .csv or .jsonl file")]
        public string File { get; set; } = "";

        [CommandOption("--dry-run")]
        [Description("Check every row with the hub and report what would happen; change nothing")]
        public bool DryRun { get; set; }

        [CommandOption("--draft")]
        [Description("Leave new and changed resources as drafts instead of publishing them")]
        public bool Draft { get; set; }

        public override ValidationResult Validate() =>
            !System.IO.File.Exists(File) ? ValidationResult.Error($"There is no file '{File}'.")
            : Path.GetExtension(File).ToLowerInvariant() is not (".csv" or ".jsonl" or ".ndjson") ? ValidationResult.Error("Import a .csv or .jsonl file.")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(settings.File, System.Text.Encoding.UTF8);
        var rows = (Path.GetExtension(settings.File).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? CsvRows.Read(reader) : JsonLinesRows.Read(reader)).ToList();
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var importer = new ResourceImporter(connection.Http, settings.DryRun, publish: !settings.Draft);
        await importer.LoadExistingAsync(cancellationToken);

        var results = new List<ImportResult>();
        await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(settings.DryRun ? "Checking" : "Importing", maxValue: Math.Max(rows.Count, 1));
                foreach (var row in rows)
                {
                    results.Add(await importer.ImportAsync(row, cancellationToken));
                    task.Increment(1);
                }

                task.Value = task.MaxValue;
            });

        ImportSummary.Write(console, results, settings.DryRun);
        return results.Any(r => r.Outcome == ImportOutcome.Refused) ? 2 : 0;
    }
}
