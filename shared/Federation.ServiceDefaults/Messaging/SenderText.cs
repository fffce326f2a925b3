namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// A sender's own words as a log line or a refusal repeats them: short and on one line, so that a name of a megabyte
/// or one holding a line break cannot fill the logs or pass for a line of its own.
/// </summary>
public static class SenderText
{
    public static string Shown(string? value, int maxLength = 64) =>
        value is null ? "" : new string([.. value.Take(maxLength).Select(c => char.IsControl(c) ? ' ' : c)]);
}
