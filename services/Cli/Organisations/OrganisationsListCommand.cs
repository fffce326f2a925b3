using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Organisations;

/// <summary><c>federation organisations list</c>: the hub's organisations with their KvK number, domains and members (staff only).</summary>
public sealed class OrganisationsListCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HubSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HubSettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var listed = await connection.Hub.ListOrganisationsAsync(cancellationToken);
        if (listed.Value is not { } organisations)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(listed.Problem))}");
            return 2;
        }

        var table = new Table().AddColumn("Id").AddColumn("Name").AddColumn("Type").AddColumn("KvK").AddColumn("Domains").AddColumn("Members");
        foreach (var organisation in organisations)
        {
            table.AddRow(Markup.Escape(organisation.Id), Markup.Escape(organisation.Name), organisation.Type, organisation.KvkNumber ?? "",
                Markup.Escape(string.Join(" ", organisation.Domains)), organisation.Members.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return 0;
    }
}
