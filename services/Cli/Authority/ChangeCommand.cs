using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Authority;

/// <summary><c>federation authority suspend|reinstate|remove ID --reason TEXT</c>: the change is named by the command.</summary>
public sealed class ChangeCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<ChangeCommand.Settings>
{
    public sealed class Settings : AuthoritySettings
    {
        [CommandArgument(0, "<MEMBER-ID>")]
        public string MemberId { get; set; } = "";

        [CommandOption("--reason <TEXT>")]
        [Description("Why; it goes into the authority's audit log")]
        public string Reason { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var authority = settings.Client(handler);
        var answer = context.Name switch
        {
            "suspend" => await authority.SuspendAsync(settings.MemberId, settings.Reason, cancellationToken),
            "reinstate" => await authority.ReinstateAsync(settings.MemberId, settings.Reason, cancellationToken),
            _ => await authority.RemoveAsync(settings.MemberId, settings.Reason, cancellationToken),
        };
        if (answer.Value is not { } member)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(answer.Problem))}");
            return 2;
        }

        console.MarkupLine($"[green]{Markup.Escape(member.MemberId)}[/] is now {member.State.ToString().ToLowerInvariant()}.");
        return 0;
    }
}
