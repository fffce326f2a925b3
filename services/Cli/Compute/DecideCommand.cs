using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary>
/// <c>federation compute applications review|award|reject ID</c>: a facility's staff score an application, award it
/// an allocation, or reject it with a reason; the decision goes to the applicant's home hub.
/// </summary>
public sealed class DecideCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<DecideCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<APPLICATION>")]
        [Description("The application's id")]
        public Guid Application { get; set; }

        [CommandOption("--score <1-5>")]
        [Description("review: the score, 1 (poor) to 5 (excellent)")]
        public int? Score { get; set; }

        [CommandOption("--comment <TEXT>")]
        [Description("review: why")]
        public string? Comment { get; set; }

        [CommandOption("--hours <HOURS>")]
        [Description("award: accelerator-hours")]
        public long? Hours { get; set; }

        [CommandOption("--partition <NAME>")]
        [Description("award: the partition of the offer")]
        public string? Partition { get; set; }

        [CommandOption("--start <DATE>")]
        [Description("award: the allocation's first day")]
        public DateOnly? Start { get; set; }

        [CommandOption("--end <DATE>")]
        [Description("award: the allocation's last day")]
        public DateOnly? End { get; set; }

        [CommandOption("--reason <TEXT>")]
        [Description("reject: the reason the applicant is told")]
        public string? Reason { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var answer = context.Name switch
        {
            "review" => await connection.Hub.ReviewApplicationAsync(settings.Application, new ReviewInput(settings.Score, settings.Comment), cancellationToken),
            "award" => await connection.Hub.AwardApplicationAsync(settings.Application,
                new AwardInput(settings.Hours, settings.Partition, settings.Start, settings.End), cancellationToken),
            "reject" => await connection.Hub.RejectApplicationAsync(settings.Application, new DecisionInput(settings.Reason), cancellationToken),
            _ => throw new InvalidOperationException($"'{context.Name}' is no decision."),
        };
        if (answer.Value is not { } received)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(answer.Problem))}");
            return 2;
        }

        console.WriteLine(context.Name switch
        {
            "review" => $"Scored; the application has {received.Reviews.Count} review(s), average {received.AverageScore:0.0}.",
            "award" => $"Awarded: allocation {received.AllocationId}; the applicant's home hub is told.",
            _ => "Rejected; the applicant's home hub is told the reason.",
        });
        return 0;
    }
}
