using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Hosting;

/// <summary>Which hub this process is. The same binary runs for all seven; only this differs.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    [Required]
    [RegularExpression("^[a-z][a-z0-9-]{1,39}$", ErrorMessage = "Hub:Id must be a lower-case slug such as 'brainport'.")]
    public string Id { get; set; } = "";

    [Required]
    public string DisplayName { get; set; } = "";

    /// <summary>Where members and the catalogue reach this hub's API.</summary>
    [Required]
    public Uri? PublicUrl { get; set; }

    /// <summary>How often the hub tells the catalogue where its feed stands.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed this hub's demo resources at start (only those not there yet).</summary>
    public bool SeedDemoData { get; set; }
}
