using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary><c>federation compute calls close ID</c>: a facility's staff close a call before its deadline.</summary>
public sealed class CallsCloseCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<CallsCloseCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<CALL>")]
        [Description("The call's id")]
        public Guid Call { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var closed = await connection.Hub.CloseCallAsync(settings.Call, cancellationToken);
        if (closed.Value is null)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(closed.Problem))}");
            return 2;
        }

        console.WriteLine($"Call {settings.Call} is closed; applications already in are still decided.");
        return 0;
    }
}
