using System.Text.RegularExpressions;

namespace Federation.MailSink;

/// <summary>One message as the SMTP server took it in.</summary>
public sealed partial record ReceivedMail(string From, IReadOnlyList<string> To, string Subject, string Text, DateTimeOffset ReceivedAt)
{
    /// <summary>The web addresses in the text, in order: what a person would click.</summary>
    public IReadOnlyList<Uri> Links => [.. Link().Matches(Text).Select(match => new Uri(match.Value.TrimEnd('.', ',', ')')))];

    public bool IsFor(string address) => To.Contains(address, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    internal static partial Regex Link();
}
