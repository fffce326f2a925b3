using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Membership;

/// <summary>This hub's place in the federation (section <c>Federation</c>); the authority itself is <c>Federation:Authority</c>.</summary>
public sealed class FederationOptions : IValidatableObject
{
    public const string Section = "Federation";

    /// <summary>The catalogue, asked about other hubs' resources (training links); it decides nothing about trust.</summary>
    public Uri? CatalogueUrl { get; set; }

    /// <summary>
    /// PKCS#8 PEM files of this hub's federation keys (ES256): the first signs the hub's entity configuration and
    /// messages, all are published. The authority must vouch for a key before what it signs is believed anywhere.
    /// </summary>
    public List<string> KeyFiles { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var missing in KeyFiles.Where(path => !File.Exists(path)))
        {
            yield return new ValidationResult($"Federation:KeyFiles names '{missing}', which does not exist.", [nameof(KeyFiles)]);
        }
    }
}
