using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Harvest;

/// <summary>
/// <c>federation harvest confirm RUN</c>: withdraws what a held run stopped before withdrawing, after showing which
/// datasets those are; <c>--yes</c> confirms without asking (for scripts).
/// </summary>
public sealed class HarvestConfirmCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HarvestConfirmCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<RUN>")]
        [Description("The held run's id")]
        public Guid Run { get; set; }

        [CommandOption("--yes")]
        [Description("Confirm without being asked")]
        public bool Yes { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var held = await connection.Hub.HarvestRunAsync(settings.Run, cancellationToken);
        if (held.Value is not { } run)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(held.Problem))}");
            return 2;
        }

        HarvestReport.Write(console, run);
        if (!settings.Yes && !(console.Profile.Capabilities.Interactive && await console.ConfirmAsync($"Withdraw these {run.WouldWithdraw} resources?", defaultValue: false, cancellationToken)))
        {
            console.WriteLine("Nothing was withdrawn (confirm with --yes, or answer yes at a terminal).");
            return 1;
        }

        var confirmed = await connection.Hub.ConfirmHarvestAsync(settings.Run, cancellationToken);
        if (confirmed.Value is not { } done)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(confirmed.Problem))}");
            return 2;
        }

        HarvestReport.Write(console, done);
        return 0;
    }
}
