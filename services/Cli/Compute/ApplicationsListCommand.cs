using System.ComponentModel;
using System.Globalization;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary><c>federation compute applications list</c>: the applications hubs sent a facility, with their reviews (facility staff).</summary>
public sealed class ApplicationsListCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<ApplicationsListCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandOption("--call <ID>")]
        public Guid? Call { get; set; }

        [CommandOption("--state <STATE>")]
        [Description("received, awarded or rejected")]
        public string? State { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var listed = await connection.Hub.ListReceivedApplicationsAsync(settings.Call, settings.State, cancellationToken);
        if (listed.Value is not { } applications)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(listed.Problem))}");
            return 2;
        }

        var table = new Table().AddColumn("Id").AddColumn("Hub").AddColumn("Project").AddColumn("Organisation").AddColumn("Hours").AddColumn("Reviews").AddColumn("State");
        foreach (var received in applications)
        {
            var application = received.Application;
            table.AddRow(application.Id.ToString(), application.HubId, Markup.Escape(application.Project),
                Markup.Escape($"{application.OrganisationName ?? "-"} ({application.OrganisationType})"), application.RequestedHours.ToString("N0", CultureInfo.InvariantCulture),
                received.Reviews.Count == 0 ? "-" : $"{received.Reviews.Count} (avg {received.AverageScore:0.0})", received.State);
        }

        console.Write(table);
        return 0;
    }
}
