using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary><c>federation audit export --out FILE</c>: the hub's audit log as JSON lines, oldest first, streamed to a file.</summary>
public sealed class ExportCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<ExportCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the JSON lines")]
        public string Out { get; set; } = "audit.jsonl";

        [CommandOption("--action <ACTION>")]
        public string? Action { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var export = await connection.Hub.OpenAuditExportAsync(new AuditFilter(Action: settings.Action), cancellationToken);
        if (export.Value is not { } response)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(export.Problem))}");
            return 2;
        }

        using (response)
        await using (var file = File.Create(settings.Out))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
        }

        var lines = File.ReadLines(settings.Out).Count();
        console.WriteLine($"{lines} audit records written to {settings.Out}.");
        return 0;
    }
}
