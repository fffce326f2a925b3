using System.ComponentModel;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Cli.Connection;
using Federation.Contracts;
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
            var query = $"resources?page={page}&pageSize=200" + (settings.State is { } state ? $"&state={Uri.EscapeDataString(state)}" : "");
            using var response = await connection.Http.GetAsync(query, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                console.MarkupLine($"[red]{Markup.Escape(string.Join("; ", await HubProblem.ReasonsAsync(response, cancellationToken)))}[/]");
                return 1;
            }

            var items = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("items").Deserialize<List<ResourceSnapshot>>(HubConnection.Json)!;
            foreach (var resource in items)
            {
                table.AddRow(resource.Id.ToString(), resource.Kind.ToString().ToLowerInvariant(), resource.State.ToString().ToLowerInvariant(),
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
