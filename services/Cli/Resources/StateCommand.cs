using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Resources;

/// <summary><c>federation resources publish ID</c> and <c>withdraw ID --reason</c>: one change of a resource's state.</summary>
public sealed class StateCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<StateCommand.Settings>
{
    public sealed class Settings : ResourceSettings
    {
        [CommandOption("--reason <TEXT>")]
        [Description("Why it is withdrawn (required to withdraw)")]
        public string? Reason { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var change = context.Name;
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var changed = change == "withdraw"
            ? await connection.Hub.WithdrawAsync(settings.Id, new WithdrawalInput(settings.Reason), version: null, cancellationToken)
            : await connection.Hub.PublishAsync(settings.Id, version: null, cancellationToken);
        if (!changed.Succeeded)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(changed.Problem))}");
            return 2;
        }

        console.WriteLine(change == "withdraw" ? $"{settings.Id} withdrawn." : $"{settings.Id} published.");
        return 0;
    }
}
