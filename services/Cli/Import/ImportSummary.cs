using Spectre.Console;

namespace Federation.Cli.Import;

/// <summary>The end of an import: how many rows had each outcome, and every refused row with its line and reasons.</summary>
public static class ImportSummary
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ImportResult> results, bool dryRun)
    {
        var counts = Enum.GetValues<ImportOutcome>().ToDictionary(o => o, o => results.Count(r => r.Outcome == o));
        console.MarkupLine(dryRun ? "[bold]Dry run: nothing was changed. The hub would:[/]" : "[bold]Done.[/]");
        console.WriteLine(
            $"{counts[ImportOutcome.Created]} created, {counts[ImportOutcome.Changed]} changed, {counts[ImportOutcome.Unchanged]} unchanged, {counts[ImportOutcome.Refused]} refused");
        var refused = results.Where(r => r.Outcome == ImportOutcome.Refused).ToList();
        if (refused.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("Line").AddColumn("Title or file").AddColumn("Why it was refused");
        foreach (var row in refused)
        {
            table.AddRow(row.Line > 0 ? row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", Markup.Escape(row.Title),
                Markup.Escape(string.Join("; ", row.Reasons)));
        }

        console.Write(table);
    }
}
