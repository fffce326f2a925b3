using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Identity.Server;

/// <summary>How this hub acts as the identity provider of its members (section <c>Identity</c>).</summary>
public sealed class IdentityOptions : IValidatableObject
{
    public const string Section = "Identity";

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Guest tokens are short: grants are checked live, but a guest's home hub may drop out of the federation.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan GuestTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A token for one other hub lives only as long as it takes to present it there for exchange (and it is good for
    /// one exchange only): it is never kept, a new one is asked for each time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan OnwardTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// PKCS#12 files holding the keys that sign tokens. Several may be listed during a rollover: all are published in
    /// the JWKS, and the one valid longest signs. Without any, a Development hub makes its own per-hub certificate.
    /// </summary>
    public List<CertificateFile> SigningCertificates { get; set; } = [];

    /// <summary>Keys that encrypt authorization codes and refresh tokens, which only this hub ever reads.</summary>
    public List<CertificateFile> EncryptionCertificates { get; set; } = [];

    /// <summary>The OAuth clients this hub accepts, by client id.</summary>
    public Dictionary<string, ClientRegistration> Clients { get; set; } = [];

    /// <summary>Create the demo accounts of DemoData/accounts.json (staff, a company member, a researcher).</summary>
    public bool SeedDemoAccounts { get; set; }

    /// <summary>Password of every demo account; from configuration or the environment, never from the code.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>
    /// The authenticator key (base32, as authenticator apps take it) of every demo staff account, so that people trying
    /// the local run, and its tests, can compute the codes; from configuration, never from the code. Without it, demo
    /// staff enrol an app of their own at their first sign-in.
    /// </summary>
    public string? DemoAuthenticatorKey { get; set; }

    /// <summary>
    /// Lets an issuer whose public URL is plain HTTP on a non-loopback name run, as hubs on one machine's container
    /// network do (docker compose). Off by default; a hub anyone else can reach must be behind TLS.
    /// </summary>
    public bool AllowPlainHttpIssuer { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SeedDemoAccounts && DemoPassword is not { Length: >= 12 })
        {
            yield return new ValidationResult(
                "Identity:DemoPassword must be set (at least 12 characters) when Identity:SeedDemoAccounts is on.", [nameof(DemoPassword)]);
        }

        if (DemoAuthenticatorKey is { } key && (key.Length < 16 || key.Any(c => c is not ((>= 'A' and <= 'Z') or (>= '2' and <= '7')))))
        {
            yield return new ValidationResult(
                "Identity:DemoAuthenticatorKey must be base32 (A-Z, 2-7), at least 16 characters.", [nameof(DemoAuthenticatorKey)]);
        }

        foreach (var (clientId, client) in Clients)
        {
            var unknown = client.GrantTypes.Except(ClientRegistration.KnownGrantTypes).ToList();
            if (unknown.Count > 0)
            {
                yield return new ValidationResult($"Identity:Clients:{clientId} names unknown grant types: {string.Join(", ", unknown)}.", [nameof(Clients)]);
            }

            if (client.Secret is null && client.GrantTypes.Contains("client_credentials"))
            {
                yield return new ValidationResult($"Identity:Clients:{clientId} uses client_credentials and so needs a Secret.", [nameof(Clients)]);
            }
        }
    }
}

public sealed class CertificateFile
{
    [Required]
    public string Path { get; set; } = "";

    public string? Password { get; set; }
}

public sealed class ClientRegistration
{
    public static readonly IReadOnlyList<string> KnownGrantTypes = ["authorization_code", "refresh_token", "client_credentials", "token_exchange"];

    public string DisplayName { get; set; } = "";

    /// <summary>Set for a confidential client (a service); a public client (browser, command line) has none.</summary>
    public string? Secret { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>authorization_code, refresh_token, client_credentials, token_exchange.</summary>
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>The roles a confidential client acts with when it signs in as itself (client credentials).</summary>
    public List<string> Roles { get; set; } = [];
}
