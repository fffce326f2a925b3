using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Identity.TrustList;

/// <summary>Where the hub reads the federation trust list (section <c>Federation</c>).</summary>
public sealed class TrustListOptions
{
    public const string Section = "Federation";

    /// <summary>The catalogue, whose registry publishes the trust list. Without it this hub trusts no other hub.</summary>
    public Uri? CatalogueUrl { get; set; }

    /// <summary>How often the list is read again; a hub removed from it is distrusted within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}
