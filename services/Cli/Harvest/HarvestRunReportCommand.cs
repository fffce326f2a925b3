using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Harvest;

/// <summary><c>federation harvest report RUN</c>: a run's report, refusals and withheld datasets included (staff).</summary>
public sealed class HarvestRunReportCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HarvestRunReportCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<RUN>")]
        [Description("The run's id")]
        public Guid Run { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var answer = await connection.Hub.HarvestRunAsync(settings.Run, cancellationToken);
        if (answer.Value is not { } run)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(answer.Problem))}");
            return 2;
        }

        HarvestReport.Write(console, run);
        return 0;
    }
}
