using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Members;

/// <summary><c>federation members invite EMAIL --organisation ID</c>: mails an invitation to become a member (staff only).</summary>
public sealed class InviteCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<InviteCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<EMAIL>")]
        [Description("Where the invitation goes")]
        public string Email { get; set; } = "";

        [CommandOption("--organisation <ID>")]
        [Description("The organisation of the hub the person joins (see 'federation organisations list')")]
        public string? Organisation { get; set; }

        [CommandOption("--name <NAME>")]
        [Description("The person's name, as a suggestion they may change")]
        public string? Name { get; set; }

        [CommandOption("--staff")]
        [Description("Invite as hub staff (they set up a second factor at their first sign-in)")]
        public bool Staff { get; set; }

        public override ValidationResult Validate() =>
            Organisation is { Length: > 0 } ? base.Validate() : ValidationResult.Error("Name the organisation with --organisation.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        IReadOnlyList<string> roles = settings.Staff ? ["hub-staff", "member"] : ["member"];
        var invited = await connection.Hub.InviteAsync(new InvitationInput(settings.Email, settings.Organisation, settings.Name, roles), cancellationToken);
        if (invited.Value is not { } invitation)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(invited.Problem))}");
            return 2;
        }

        console.WriteLine($"Invitation {invitation.Id} sent to {invitation.Email}; it works until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        return 0;
    }
}
