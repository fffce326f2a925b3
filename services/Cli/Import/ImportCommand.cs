using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Import;

/// <summary>
/// <c>federation import PATH</c>: resources from CSV or JSON lines, a DCAT-AP description (Turtle or JSON-LD), or a
/// folder of model cards (and DCAT-AP files) into the hub, with a progress bar and a summary of what was created,
/// changed, left unchanged and refused (with the line or file and the hub's reasons).
/// </summary>
public sealed class ImportCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<ImportCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("A .csv or .jsonl file, a DCAT-AP .ttl or .jsonld file, or a folder of model cards (.md)")]
        public string File { get; set; } = "";

        [CommandOption("--access-policy <POLICY>")]
        [Description("For documents that do not state it: open, federation, approval or hub")]
        public string? AccessPolicy { get; set; }

        [CommandOption("--licence <SPDX>")]
        [Description("For DCAT-AP descriptions whose licence the federation does not know by name")]
        public string? Licence { get; set; }

        [CommandOption("--publisher <NAME>")]
        [Description("For documents that do not name their publisher")]
        public string? Publisher { get; set; }

        public bool IsRows => Path.GetExtension(File).ToLowerInvariant() is ".csv" or ".jsonl" or ".ndjson";

        [CommandOption("--dry-run")]
        [Description("Check every row with the hub and report what would happen; change nothing")]
        public bool DryRun { get; set; }

        [CommandOption("--draft")]
        [Description("Leave new and changed resources as drafts instead of publishing them")]
        public bool Draft { get; set; }

        public override ValidationResult Validate() =>
            Directory.Exists(File) ? base.Validate()
            : !System.IO.File.Exists(File) ? ValidationResult.Error($"There is no file or folder '{File}'.")
            : !IsRows && DocumentImporter.KindOf(File) is null ? ValidationResult.Error("Import a .csv, .jsonl, .ttl, .jsonld or .md file, or a folder of them.")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        List<Func<CancellationToken, Task<ImportResult>>> steps;
        if (settings.IsRows && System.IO.File.Exists(settings.File))
        {
            var (text, encodingNote) = ImportText.Read(settings.File);
            if (encodingNote is not null)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(encodingNote)}[/]");
            }

            using var reader = new StringReader(text);
            var rows = (Path.GetExtension(settings.File).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? CsvRows.Read(reader) : JsonLinesRows.Read(reader)).ToList();
            var importer = new ResourceImporter(connection.Hub, settings.DryRun, publish: !settings.Draft);
            await importer.LoadExistingAsync(cancellationToken);
            steps = [.. rows.Select(row => (Func<CancellationToken, Task<ImportResult>>)(token => importer.ImportAsync(row, token)))];
        }
        else
        {
            var documents = Directory.Exists(settings.File)
                ? Directory.EnumerateFiles(settings.File).Where(f => DocumentImporter.KindOf(f) is not null).Order(StringComparer.Ordinal).ToList()
                : [settings.File];
            var importer = new DocumentImporter(connection.Hub, settings.DryRun, publish: !settings.Draft,
                new ImportDefaults(settings.AccessPolicy, settings.Licence, settings.Publisher));
            await importer.LoadExistingAsync(cancellationToken);
            steps = [.. documents.Select(path => (Func<CancellationToken, Task<ImportResult>>)(token => importer.ImportAsync(path, token)))];
        }

        var results = new List<ImportResult>();
        await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(settings.DryRun ? "Checking" : "Importing", maxValue: Math.Max(steps.Count, 1));
                foreach (var step in steps)
                {
                    results.Add(await step(cancellationToken));
                    task.Increment(1);
                }

                task.Value = task.MaxValue;
            });

        ImportSummary.Write(console, results, settings.DryRun);
        return results.Any(r => r.Outcome == ImportOutcome.Refused) ? 2 : 0;
    }
}
