using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Compute;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary><c>federation compute calls open</c>: a facility's staff open a call for one of its compute offers.</summary>
public sealed class CallsOpenCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<CallsOpenCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandOption("--offer <ID>")]
        [Description("The compute offer the call gives out (its resource id)")]
        public Guid? Offer { get; set; }

        [CommandOption("--title <TEXT>")]
        public string? Title { get; set; }

        [CommandOption("--description <TEXT>")]
        public string? Description { get; set; }

        [CommandOption("--mode <MODE>")]
        [Description("The access mode: one of the offer's (fast-track, call, commercial)")]
        public string? Mode { get; set; }

        [CommandOption("--capacity <HOURS>")]
        [Description("Accelerator-hours the call gives out in all")]
        public long? Capacity { get; set; }

        [CommandOption("--eligible <LIST>")]
        [Description("Who may apply, comma-separated: start-up, scale-up, sme, large-company, research, public-sector")]
        public string? Eligible { get; set; }

        [CommandOption("--deadline <TIME>")]
        [Description("Until when one may apply (ISO 8601, e.g. 2027-03-01T17:00:00+01:00)")]
        public DateTimeOffset? Deadline { get; set; }

        [CommandOption("--reviews <N>")]
        [Description("Reviewers who score each application before a decision: 0, or 2 to 5")]
        public int? Reviews { get; set; }

        [CommandOption("--start <DATE>")]
        [Description("The first day allocations may run")]
        public DateOnly? Start { get; set; }

        [CommandOption("--end <DATE>")]
        [Description("The last day allocations may run")]
        public DateOnly? End { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var eligible = settings.Eligible?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var opened = await connection.Hub.OpenCallAsync(new CallInput(settings.Offer, settings.Title, settings.Description, settings.Mode, settings.Capacity,
            eligible, settings.Deadline, settings.Reviews, settings.Start, settings.End), cancellationToken);
        if (opened.Value is not { } call)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(opened.Problem))}");
            return 2;
        }

        console.WriteLine($"Call {call.Id} is open until {call.Deadline:u}: {call.CapacityHours:N0} accelerator-hours for {string.Join(", ", call.Eligibility)}.");
        return 0;
    }
}
