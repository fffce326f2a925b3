namespace Federation.Cli.Import;

public enum ImportOutcome
{
    Created,
    Changed,
    Unchanged,
    Refused,
}

/// <summary>What became of one line of an import: created, changed, left as it was, or refused and why.</summary>
public sealed record ImportResult(int Line, string Title, ImportOutcome Outcome, IReadOnlyList<string> Reasons);
