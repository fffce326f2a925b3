using System.ComponentModel;
using System.Globalization;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary><c>federation compute calls list</c>: a facility's calls, their capacity, what is awarded, and their deadline (anyone may read them).</summary>
public sealed class CallsListCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<CallsListCommand.Settings>
{
    public sealed class Settings : HubAddressSettings
    {
        [CommandOption("--state <STATE>")]
        [Description("open (default), closed or all")]
        public string? State { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = settings.HubUrl };
        var listed = await new Federation.Clients.Hubs.HubClient(http).ListCallsAsync(settings.State, cancellationToken);
        if (listed.Value is not { } calls)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(listed.Problem))}");
            return 2;
        }

        var table = new Table().AddColumn("Id").AddColumn("Title").AddColumn("Mode").AddColumn("For").AddColumn("Capacity").AddColumn("Awarded").AddColumn("Deadline");
        foreach (var call in calls)
        {
            table.AddRow(call.Id.ToString(), Markup.Escape(call.Title), call.AccessMode, Markup.Escape(string.Join(", ", call.Eligibility)),
                call.CapacityHours.ToString("N0", CultureInfo.InvariantCulture), call.AwardedHours.ToString("N0", CultureInfo.InvariantCulture),
                call.Deadline.ToString("u", CultureInfo.InvariantCulture) + (call.ClosedAt is null ? "" : " (closed)"));
        }

        console.Write(table);
        return 0;
    }
}
