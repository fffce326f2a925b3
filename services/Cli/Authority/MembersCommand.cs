using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Authority;

/// <summary><c>federation authority members</c>: every member the authority has recorded, with its state and keys.</summary>
public sealed class MembersCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<AuthoritySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AuthoritySettings settings, CancellationToken cancellationToken)
    {
        var answer = await settings.Client(handler).MembersAsync(cancellationToken);
        if (answer.Value is not { } members)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(answer.Problem))}");
            return 2;
        }

        var table = new Table().AddColumns("id", "name", "state", "entity", "keys");
        foreach (var member in members)
        {
            table.AddRow(Markup.Escape(member.MemberId), Markup.Escape(member.DisplayName), member.State.ToString().ToLowerInvariant(),
                Markup.Escape(member.EntityId.AbsoluteUri), Markup.Escape(string.Join(" ", member.KeyIds)));
        }

        console.Write(table);
        return 0;
    }
}
