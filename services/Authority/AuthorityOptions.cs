using System.ComponentModel.DataAnnotations;

namespace Federation.Authority;

/// <summary>The federation authority (section <c>Authority</c>).</summary>
public sealed class AuthorityOptions : IValidatableObject
{
    public const string Section = "Authority";

    /// <summary>The authority's entity id: the public URL under which it publishes its entity configuration.</summary>
    [Required]
    public Uri? EntityId { get; set; }

    /// <summary>
    /// PKCS#8 PEM files of the authority's ES256 keys. The first signs; the others are published beside it, so that
    /// during a rollover the next key is known before it signs, and the last one still checks statements it signed.
    /// </summary>
    [MinLength(1)]
    public List<string> SigningKeyFiles { get; set; } = [];

    /// <summary>
    /// How long a statement is valid. It bounds how long a suspended or removed member can still be trusted by a node
    /// that cannot reach the authority; nodes that can reach it drop the member at their next refresh.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan StatementLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A JSON file of members to admit at start when the authority has never heard of them (<c>{"members": {"id":
    /// admission}}</c>): how a deployment brings its first members in without an operator at a terminal. A member the
    /// authority already knows (changed, suspended or removed since) is left as it is: the operators' word wins.
    /// </summary>
    public string? SeedFile { get; set; }

    /// <summary>
    /// Accept plain-http member addresses outside Development (a private demonstration network such as compose's);
    /// the same setting the hubs and the portal read.
    /// </summary>
    public bool PlainHttpAllowed(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue<bool>("Federation:AllowPlainHttpPeers");

    /// <summary>The secret with which the federation's operators admit, suspend and remove members; from configuration only.</summary>
    [Required]
    public string? AdminSecret { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdminSecret is { Length: < 24 })
        {
            yield return new ValidationResult("Authority:AdminSecret must be at least 24 characters.", [nameof(AdminSecret)]);
        }
    }
}
