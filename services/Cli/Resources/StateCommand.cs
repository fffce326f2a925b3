using System.ComponentModel;
using System.Net.Http.Json;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Resources;

/// <summary><c>federation resources publish ID</c> and <c>withdraw ID --reason</c>: one change of a resource's state.</summary>
public sealed class StateCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<StateCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<ID>")]
        public Guid Id { get; set; }

        [CommandOption("--reason <TEXT>")]
        [Description("Why it is withdrawn (required to withdraw)")]
        public string? Reason { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var change = context.Name;
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        using var response = change == "withdraw"
            ? await connection.Http.PostAsJsonAsync($"resources/{settings.Id}/withdraw", new { reason = settings.Reason }, cancellationToken)
            : await connection.Http.PostAsync($"resources/{settings.Id}/publish", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(string.Join("; ", await HubProblem.ReasonsAsync(response, cancellationToken)))}");
            return 2;
        }

        console.WriteLine(change == "withdraw" ? $"{settings.Id} withdrawn." : $"{settings.Id} published.");
        return 0;
    }
}
