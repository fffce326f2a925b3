using System.ComponentModel;
using System.Globalization;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Harvest;

/// <summary><c>federation harvest runs SOURCE</c>: a source's latest runs, a line each (staff).</summary>
public sealed class HarvestRunsCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HarvestRunsCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("The source's id")]
        public Guid Source { get; set; }

        [CommandOption("--limit <N>")]
        [Description("How many runs, newest first (default 20)")]
        public int? Limit { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var listed = await connection.Hub.HarvestRunsAsync(settings.Source, settings.Limit, cancellationToken);
        if (listed.Value is not { } runs)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(listed.Problem))}");
            return 2;
        }

        var table = new Table().AddColumn("Run").AddColumn("Queued").AddColumn("By").AddColumn("State").AddColumn("Created").AddColumn("Updated")
            .AddColumn("Unchanged").AddColumn("Withdrawn").AddColumn("Kept").AddColumn("Refused").AddColumn("Seconds");
        foreach (var run in runs)
        {
            table.AddRow(run.Id.ToString(), run.QueuedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(run.StartedBy),
                run.DryRun ? $"{run.State} (dry)" : run.State, N(run.Created), N(run.Updated), N(run.Unchanged), N(run.DryRun ? run.WouldWithdraw : run.Withdrawn),
                N(run.KeptLocalEdits), N(run.Refused), run.DurationMs is { } ms ? (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) : "");
        }

        console.Write(table);
        return 0;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
