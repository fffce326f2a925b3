using System.ComponentModel;
using Federation.Cli.Connection;
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
        var query = settings.Action is { } action ? $"?action={Uri.EscapeDataString(action)}" : "";
        using var response = await connection.Http.GetAsync($"audit/export{query}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(string.Join("; ", await HubProblem.ReasonsAsync(response, cancellationToken)))}");
            return 2;
        }

        await using (var file = File.Create(settings.Out))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
        }

        var lines = File.ReadLines(settings.Out).Count();
        console.WriteLine($"{lines} audit records written to {settings.Out}.");
        return 0;
    }
}
