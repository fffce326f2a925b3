using System.ComponentModel.DataAnnotations;
using Federation.Trust;

namespace Federation.Hub.Hosting;

/// <summary>
/// Which member this process is. The same binary runs for all seven hubs and for compute facilities (an AI factory):
/// only this differs. A facility is a node like a hub, with its own database, staff and identity; it alone may
/// publish compute offers.
/// </summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    [Required]
    [RegularExpression("^[a-z][a-z0-9-]{1,39}$", ErrorMessage = "Hub:Id must be a lower-case slug such as 'brainport'.")]
    public string Id { get; set; } = "";

    [Required]
    public string DisplayName { get; set; } = "";

    /// <summary><c>hub</c> or <c>facility</c>: what the federation authority admitted this member as.</summary>
    [RegularExpression("^(hub|facility)$", ErrorMessage = "Hub:Kind is 'hub' or 'facility'.")]
    public string Kind { get; set; } = MemberMetadata.HubKind;

    public bool IsFacility => Kind == MemberMetadata.FacilityKind;

    /// <summary>Where members and the catalogue reach this hub's API.</summary>
    [Required]
    public Uri? PublicUrl { get; set; }

    /// <summary>How often the hub tells the catalogue where its feed stands.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the hub tells the catalogue how much its resources are used (popularity).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ActivityInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Seed this hub's demo resources at start (only those not there yet).</summary>
    public bool SeedDemoData { get; set; }
}
