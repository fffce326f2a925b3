namespace Federation.Trust;

/// <summary>A statement read and checked, or why it was refused.</summary>
public sealed record StatementResult(EntityStatement? Statement, string? Refusal)
{
    public static StatementResult Read(EntityStatement statement) => new(statement, null);

    public static StatementResult Refused(string reason) => new(null, reason);
}
