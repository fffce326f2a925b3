using System.Globalization;
using Federation.Contracts.Harvest;
using Spectre.Console;

namespace Federation.Cli.Harvest;

/// <summary>A run's report as the command line prints it: its outcome, the counts, and each refused dataset with the reason.</summary>
public static class HarvestReport
{
    public static void Write(IAnsiConsole console, HarvestRun run)
    {
        var would = run.DryRun ? "would be " : "";
        console.MarkupLine($"Run {run.Id}: [bold]{Markup.Escape(run.State)}[/]{(run.DryRun ? " (dry run)" : "")}"
            + (run.DurationMs is { } ms ? $" in {(ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture)} s" : "")
            + $", {run.PagesRead} page(s), {run.DatasetsSeen} dataset(s) read.");
        console.WriteLine($"  {run.Created} {would}created, {run.Updated} {would}updated, {run.Unchanged} unchanged, "
            + $"{(run.DryRun ? run.WouldWithdraw : run.Withdrawn)} {would}withdrawn, {run.KeptLocalEdits} kept as edited here, {run.Refused} refused.");
        if (run.State == "held")
        {
            console.MarkupLine($"  [yellow]Held:[/] {run.WouldWithdraw} dataset(s) are gone from the source, more than its limit allows at once. "
                + $"Nothing was withdrawn; look at them below, then confirm with: federation harvest confirm {run.Id}");
        }

        foreach (var identifier in run.Withheld ?? [])
        {
            console.WriteLine($"  would withdraw {identifier}");
        }

        if (run.Error is { } error)
        {
            console.MarkupLine($"  [red]{Markup.Escape(error)}[/]");
        }

        foreach (var refusal in run.Refusals)
        {
            console.WriteLine($"  refused {refusal.SourceIdentifier ?? "(no identifier)"}{(refusal.Title is { Length: > 0 } title ? $" \"{title}\"" : "")}: {refusal.Reason}");
        }

        if (run.Refused > run.Refusals.Count)
        {
            console.WriteLine($"  … and {run.Refused - run.Refusals.Count} more refused.");
        }
    }
}
