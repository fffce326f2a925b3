using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Organisations;

/// <summary><c>federation organisations add NAME --type TYPE [--kvk N] [--domain D]…</c>: adds an organisation to the hub (staff only).</summary>
public sealed class OrganisationsAddCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<OrganisationsAddCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The organisation's name")]
        public string Name { get; set; } = "";

        [CommandOption("--type <TYPE>")]
        [Description("company, university, research-institute, government or other")]
        public string? Type { get; set; }

        [CommandOption("--kvk <NUMBER>")]
        [Description("A company's KvK number (eight digits)")]
        public string? Kvk { get; set; }

        [CommandOption("--domain <DOMAIN>")]
        [Description("An institution's domain, such as rug.nl (repeat for more)")]
        public string[] Domains { get; set; } = [];

        [CommandOption("--id <ID>")]
        [Description("The id to give it (made from the name when left out)")]
        public string? Id { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var added = await connection.Hub.AddOrganisationAsync(
            new OrganisationInput(settings.Id, settings.Name, settings.Type, settings.Kvk, settings.Domains), cancellationToken);
        if (added.Value is not { } organisation)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(added.Problem))}");
            return 2;
        }

        console.WriteLine($"Added {organisation.Name} as '{organisation.Id}'.");
        return 0;
    }
}
