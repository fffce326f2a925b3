using System.ComponentModel.DataAnnotations;

namespace Federation.Portal.Catalogue;

/// <summary>Where the portal finds the catalogue, the one place it discovers resources and hubs.</summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    [Required]
    public Uri Url { get; set; } = null!;

    /// <summary>How long a page waits for the catalogue before it says the catalogue cannot be reached.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
