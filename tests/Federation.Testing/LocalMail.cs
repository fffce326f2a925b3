using Federation.MailSink;

namespace Federation.Testing;

/// <summary>
/// The real SMTP server the hubs of a test run send their mail to (one per test process, on a free loopback port):
/// specs read the message a person would get and follow its link.
/// </summary>
public static class LocalMail
{
    private static readonly Lazy<MailSink.MailSink> Started = new(() => MailSink.MailSink.StartAsync(FreePorts.Next()).GetAwaiter().GetResult());

    public static MailSink.MailSink Sink => Started.Value;

    /// <summary>The settings that point a hub at <see cref="Sink"/>, as configuration keys with <paramref name="separator"/> (":" or "__").</summary>
    public static IEnumerable<KeyValuePair<string, string>> HubSettings(string hubId, string separator = ":") =>
    [
        new($"Mail{separator}Host", "127.0.0.1"),
        new($"Mail{separator}Port", Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new($"Mail{separator}Security", "none"),
        new($"Mail{separator}From", $"noreply@{hubId}.aihub.test"),
    ];

    /// <summary>A made-up address no other spec uses, so that a spec finds its own mail.</summary>
    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.test";
}
