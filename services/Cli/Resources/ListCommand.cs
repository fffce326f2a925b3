using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Resources;

/// <summary><c>federation resources list</c>: the hub's resources (drafts and withdrawn ones too, for staff).</summary>
public sealed class ListCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<ListCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandOption("--state <STATE>")]
        [Description("draft, published or withdrawn")]
        public string? State { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var table = new Table().AddColumn("Id").AddColumn("Kind").AddColumn("State").AddColumn("Version").AddColumn("Title");
        for (var page = 1; ; page++)
        {
            var list = await connection.Hub.ListResourcesAsync(kind: null, settings.State, page, pageSize: 200, cancellationToken);
            if (list.Value is not { } found)
            {
                console.MarkupLine($"[red]{Markup.Escape(Refusal.Of(list.Problem))}[/]");
                return 1;
            }

            var items = found.Items;
            foreach (var resource in items)
            {
                table.AddRow(resource.Id.ToString(), resource.Kind.ToWireName(), resource.State.ToWireName(),
                    resource.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(resource.Title));
            }

            if (items.Count < 200)
            {
                break;
            }
        }

        console.Write(table);
        return 0;
    }
}
