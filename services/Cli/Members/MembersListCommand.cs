using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Members;

/// <summary><c>federation members list</c>: the hub's members, their organisation, roles and standing (staff only).</summary>
public sealed class MembersListCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<MembersListCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandOption("--state <STATE>")]
        [Description("active or suspended")]
        public string? State { get; set; }

        [CommandOption("--organisation <ID>")]
        [Description("Only the members of this organisation")]
        public string? Organisation { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var listed = await connection.Hub.ListMembersAsync(settings.State, settings.Organisation, cancellationToken);
        if (listed.Value is not { } members)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(listed.Problem))}");
            return 2;
        }

        var table = new Table().AddColumn("Id").AddColumn("Username").AddColumn("Name").AddColumn("Organisation").AddColumn("Roles").AddColumn("State").AddColumn("2FA");
        foreach (var member in members)
        {
            table.AddRow(member.Id.ToString(), Markup.Escape(member.Username), Markup.Escape(member.DisplayName), Markup.Escape(member.OrganisationName),
                Markup.Escape(string.Join(", ", member.Roles)), member.State, member.TwoFactor ? "yes" : "no");
        }

        console.Write(table);
        return 0;
    }
}
