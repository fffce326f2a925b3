using System.ComponentModel.DataAnnotations;
using Federation.Trust;

namespace Federation.ServiceDefaults.Membership;

/// <summary>
/// The federation authority as this node knows it (section <c>Federation:Authority</c>): where its statements are
/// read, and its public keys. Nothing else decides which hubs this node trusts.
/// </summary>
public sealed class MembershipOptions : IValidatableObject
{
    public const string Section = "Federation:Authority";

    /// <summary>Where the authority publishes <c>/list</c> and <c>/fetch</c>. Without it this node trusts no other member.</summary>
    public Uri? Url { get; set; }

    /// <summary>The authority's entity id, as its statements name their issuer; its <see cref="Url"/> unless said otherwise.</summary>
    public Uri? EntityId { get; set; }

    /// <summary>Files holding the authority's public keys (PEM); two during its key rollover.</summary>
    public List<string> PublicKeyFiles { get; set; } = [];

    /// <summary>The authority's public keys as PEM text, for deployments that pass them as settings rather than files.</summary>
    public List<string> PublicKeys { get; set; } = [];

    /// <summary>
    /// How often the members are read again. A member the authority suspends or removes is dropped here within this
    /// time while the authority can be reached, and at the latest when its last statement expires when it cannot.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The anchor of configuration, or null when no authority is configured.</summary>
    public TrustAnchor? Anchor() =>
        Url is null ? null : TrustAnchor.FromPem(EntityId ?? Url, PublicKeys.Concat(PublicKeyFiles.Select(File.ReadAllText)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && PublicKeys.Count + PublicKeyFiles.Count == 0)
        {
            yield return new ValidationResult(
                $"{Section}:PublicKeyFiles or {Section}:PublicKeys must name the authority's public key when {Section}:Url is set.", [nameof(PublicKeyFiles)]);
        }

        foreach (var missing in PublicKeyFiles.Where(path => !File.Exists(path)))
        {
            yield return new ValidationResult($"{Section}:PublicKeyFiles names '{missing}', which does not exist.", [nameof(PublicKeyFiles)]);
        }
    }
}
