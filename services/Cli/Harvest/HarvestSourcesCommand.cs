using System.Globalization;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Harvest;

/// <summary><c>federation harvest sources</c>: the catalogues the hub mirrors, with their schedule and last run (staff).</summary>
public sealed class HarvestSourcesCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HubSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HubSettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var listed = await connection.Hub.HarvestSourcesAsync(cancellationToken);
        if (listed.Value is not { } sources)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(listed.Problem))}");
            return 2;
        }

        var table = new Table().AddColumn("Id").AddColumn("Name").AddColumn("Address").AddColumn("Schedule").AddColumn("Datasets").AddColumn("Last run").AddColumn("Next run");
        foreach (var source in sources)
        {
            table.AddRow(source.Id.ToString(), Markup.Escape(source.Name), Markup.Escape(source.Url), source.Enabled ? source.Schedule : $"{source.Schedule} (off)",
                source.Datasets.ToString(CultureInfo.InvariantCulture), source.LastRun is { } run ? $"{run.State} {run.QueuedAt:yyyy-MM-dd HH:mm}" : "",
                source.NextRunAt is { } next ? next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (source.ConsecutiveFailures > 0 ? $" (retry {source.ConsecutiveFailures})" : "") : "");
        }

        console.Write(table);
        return 0;
    }
}
