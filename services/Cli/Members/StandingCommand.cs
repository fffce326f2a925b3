using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Members;

/// <summary>
/// <c>federation members suspend|reinstate|remove|reset-second-factor MEMBER --reason TEXT</c>: changes a member's
/// standing, or turns off the second factor of one who lost it (staff only). MEMBER is their id or username; the person
/// is told the reason by mail.
/// </summary>
public sealed class StandingCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<StandingCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<MEMBER>")]
        [Description("The member's id or username")]
        public string Member { get; set; } = "";

        [CommandOption("--reason <TEXT>")]
        [Description("Why (required to suspend, remove or reset a second factor; the person is told)")]
        public string? Reason { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        if (await FindAsync(connection.Hub, settings.Member, cancellationToken) is not { } member)
        {
            console.MarkupLine($"[red]There is no member '{Markup.Escape(settings.Member)}' at this hub.[/]");
            return 2;
        }

        var input = new MembershipChangeInput(settings.Reason);
        var change = context.Name;
        var refused = change switch
        {
            "suspend" => (await connection.Hub.SuspendMemberAsync(member.Id, input, cancellationToken)).Problem,
            "reinstate" => (await connection.Hub.ReinstateMemberAsync(member.Id, input, cancellationToken)).Problem,
            "reset-second-factor" => (await connection.Hub.ResetSecondFactorAsync(member.Id, input, cancellationToken)).Problem,
            _ => (await connection.Hub.RemoveMemberAsync(member.Id, input, cancellationToken)).Problem,
        };
        if (refused is not null)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(refused))}");
            return 2;
        }

        console.WriteLine(change switch
        {
            "suspend" => $"{member.Username} is suspended: their sessions and tokens have ended.",
            "reinstate" => $"{member.Username} is reinstated and can sign in again.",
            "reset-second-factor" => $"{member.Username}'s second factor is off and their sessions have ended; they set up an authenticator app again at their next sign-in.",
            _ => $"{member.Username} is no longer a member; their account is closed.",
        });
        return 0;
    }

    // Asked of the hub by id or by username, not looked for in the list: the list stops at its first thousand.
    private static async Task<HubMember?> FindAsync(HubClient hub, string member, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(member, out var id))
        {
            var found = await hub.GetMemberAsync(id, cancellationToken);
            return found.Value ?? (found.Problem is { Status: 404 } ? null : throw new Federation.Clients.Results.ApiProblemException(found.Problem!));
        }

        var listed = await hub.ListMembersAsync(state: null, organisation: null, cancellationToken, username: member);
        return (listed.Value ?? throw new Federation.Clients.Results.ApiProblemException(listed.Problem!)).SingleOrDefault();
    }
}
