using System.ComponentModel.DataAnnotations;

namespace Federation.Catalogue.Sync;

public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>How long a hub may stand behind, without progress, before the catalogue asks it to resend.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan GapGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an unanswered resync request stands before it may be asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ResyncTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each hub's count and digest are recounted from the stored entries (the audit).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AuditInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A hub silent for longer than this is shown as offline.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HubSilentAfter { get; set; } = TimeSpan.FromSeconds(20);
}
