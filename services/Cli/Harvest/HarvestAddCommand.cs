using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Harvest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Harvest;

/// <summary><c>federation harvest add NAME URL --organisation ID --access-policy open</c>: registers a catalogue to mirror (staff).</summary>
public sealed class HarvestAddCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HarvestAddCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("What staff call the source, e.g. \"Open data Gemeente Utrecht\"")]
        public string Name { get; set; } = "";

        [CommandArgument(1, "<URL>")]
        [Description("The address of the catalogue's DCAT-AP export (RDF/XML, Turtle or JSON-LD; its Hydra paging is followed)")]
        public string Url { get; set; } = "";

        [CommandOption("--schedule <SCHEDULE>")]
        [Description("manual, hourly, daily, weekly or an ISO 8601 duration such as PT6H (default: daily)")]
        public string Schedule { get; set; } = "daily";

        [CommandOption("--access-policy <POLICY>")]
        [Description("What the harvested datasets get: open, federation, approval or hub")]
        public string? AccessPolicy { get; set; }

        [CommandOption("--licence <SPDX>")]
        [Description("The licence of datasets that name none (an SPDX id)")]
        public string? Licence { get; set; }

        [CommandOption("--organisation <ID>")]
        [Description("The hub's organisation that publishes the harvested datasets")]
        public string? Organisation { get; set; }

        [CommandOption("--withdrawal-limit <PERCENT>")]
        [Description("The largest share of the source one run may withdraw before staff confirm (default 20)")]
        public int? WithdrawalLimitPercent { get; set; }

        [CommandOption("--disabled")]
        [Description("Register it without running it on its schedule yet")]
        public bool Disabled { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var registered = await connection.Hub.RegisterHarvestSourceAsync(new HarvestSourceInput(
            settings.Name, settings.Url, settings.Schedule, settings.AccessPolicy, settings.Licence, settings.Organisation,
            settings.WithdrawalLimitPercent, !settings.Disabled), cancellationToken);
        if (registered.Value is not { } source)
        {
            foreach (var reason in Refusal.ReasonsOf(registered.Problem))
            {
                console.MarkupLine($"[red]Refused:[/] {Markup.Escape(reason)}");
            }

            return 2;
        }

        console.WriteLine($"Source {source.Id} registered: {source.Name}, {source.Schedule}"
            + (source.NextRunAt is { } next ? $", first run {next:yyyy-MM-dd HH:mm} UTC." : ", run by hand: federation harvest run " + source.Id));
        return 0;
    }
}
