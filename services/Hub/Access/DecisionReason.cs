namespace Federation.Hub.Access;

/// <summary>The reason staff give with a decision: trimmed, at most <see cref="MaxLength"/> characters, none when blank.</summary>
internal static class DecisionReason
{
    public const int MaxLength = 1000;

    /// <summary>An optional reason as stored: trimmed, or null when none was given.</summary>
    public static string? Optional(string? reason) => reason?.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    public static bool IsTooLong(string? reason) => Optional(reason) is { Length: > MaxLength };

    /// <summary>A required reason, trimmed; null when it is blank or too long.</summary>
    public static string? Required(string? reason) => Optional(reason) is { Length: <= MaxLength } trimmed ? trimmed : null;
}
