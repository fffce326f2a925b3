using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Federation.Contracts.Serialization;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.People.Organisations;

namespace Federation.Hub.Identity.Upstream;

/// <summary>
/// The identity providers this hub trusts for "sign in with your institution" (section <c>Identity:Upstream</c>): for
/// Dutch institutions SURFconext, for a company its own provider. Each comes from configuration, its client secret
/// too (never from the code or a log). None configured: the sign-in page offers the local form alone.
/// </summary>
public sealed partial class UpstreamOptions : IValidatableObject
{
    public const string Section = "Identity:Upstream";

    public List<UpstreamProvider> Providers { get; set; } = [];

    /// <summary>
    /// Lets a provider's discovery and token endpoints be plain HTTP on a loopback address, as the local run's stand-in
    /// is. Off by default: a provider anywhere else must be reached over TLS.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    public UpstreamProvider? Find(string name) => Providers.FirstOrDefault(provider => provider.Name == name);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (provider, index) in Providers.Select((provider, index) => (provider, index)))
        {
            var at = $"{Section}:Providers:{index}";
            if (!ProviderName().IsMatch(provider.Name))
            {
                yield return new ValidationResult($"{at}:Name must be 1 to 40 lower-case letters, digits or hyphens (it names the callback path).", [nameof(Providers)]);
            }

            if (provider.Authority is not { IsAbsoluteUri: true } authority
                || !(authority.Scheme == Uri.UriSchemeHttps || (AllowLoopbackHttp && authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
            {
                yield return new ValidationResult(
                    $"{at}:Authority must be an https URL (http only on loopback, with {Section}:AllowLoopbackHttp).", [nameof(Providers)]);
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId) || string.IsNullOrEmpty(provider.ClientSecret))
            {
                yield return new ValidationResult($"{at}: ClientId and ClientSecret are required (the secret from configuration or the environment).", [nameof(Providers)]);
            }

            if (!provider.Scopes.Contains("openid"))
            {
                yield return new ValidationResult($"{at}:Scopes must include openid.", [nameof(Providers)]);
            }

            foreach (var (rule, ruleIndex) in provider.Admission.Select((rule, ruleIndex) => (rule, ruleIndex)))
            {
                var ruleAt = $"{at}:Admission:{ruleIndex}";
                if (rule.Domains.Count == 0 || rule.Domains.Any(domain => !OrganisationRules.IsDomain(domain)))
                {
                    yield return new ValidationResult($"{ruleAt}:Domains must list one or more domain names.", [nameof(Providers)]);
                }

                if (!OrganisationRules.IsId(rule.OrganisationId) || string.IsNullOrWhiteSpace(rule.OrganisationName))
                {
                    yield return new ValidationResult($"{ruleAt}: OrganisationId (an id of this hub) and OrganisationName are required.", [nameof(Providers)]);
                }

                if (!WireNames.TryParseWireName<OrganisationType>(rule.OrganisationType, out _))
                {
                    yield return new ValidationResult($"{ruleAt}:OrganisationType must be one of: company, university, research-institute, government, other.", [nameof(Providers)]);
                }

                if (rule.Roles.Any(role => !HubRoles.MemberRoles.Contains(role)) || rule.Roles.Contains(HubRoles.Staff) || rule.Roles.Contains(HubRoles.Reviewer))
                {
                    // Staff rights, and a reviewer's sight of every application, come from staff, never from an outside provider's word.
                    yield return new ValidationResult($"{ruleAt}:Roles may name member roles only, never {HubRoles.Staff} or {HubRoles.Reviewer}.", [nameof(Providers)]);
                }
            }
        }

        foreach (var twice in Providers.GroupBy(provider => provider.Name).Where(group => group.Count() > 1))
        {
            yield return new ValidationResult($"{Section}: the provider name '{twice.Key}' is used twice.", [nameof(Providers)]);
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex ProviderName();
}

/// <summary>One upstream OpenID Connect provider, and who of its people this hub admits by itself.</summary>
public sealed class UpstreamProvider
{
    /// <summary>Short name: the callback path is <c>/signin-{Name}</c>, and linked accounts remember it.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the sign-in page's button says: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The issuer; its discovery document is read from <c>/.well-known/openid-configuration</c>.</summary>
    public Uri? Authority { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public List<string> Scopes { get; set; } = ["openid", "email", "profile"];

    public UpstreamClaimNames Claims { get; set; } = new();

    /// <summary>Admitted at once when a rule matches; anyone else asks to join and waits for staff.</summary>
    public List<AdmissionRule> Admission { get; set; } = [];
}

/// <summary>Which of the provider's claims carry what the hub needs (as SURFconext names them, by default).</summary>
public sealed class UpstreamClaimNames
{
    public string Subject { get; set; } = "sub";

    public string Email { get; set; } = "email";

    public string EmailVerified { get; set; } = "email_verified";

    public string Name { get; set; } = "name";

    /// <summary>The person's institution as a domain (SCHAC's <c>schac_home_organization</c>).</summary>
    public string Organisation { get; set; } = "schac_home_organization";

    /// <summary>The person's relation to it (eduPerson's affiliation: employee, student, member …).</summary>
    public string Affiliation { get; set; } = "eduperson_affiliation";
}

/// <summary>
/// People of these domains become members of this organisation at their first sign-in, with these roles. The domain
/// is the institution's own word (the organisation claim) when the provider gives one, else the domain of the verified
/// e-mail address; a subdomain counts (student.rug.nl is rug.nl).
/// </summary>
public sealed class AdmissionRule
{
    public List<string> Domains { get; set; } = [];

    /// <summary>Only people with one of these affiliations (none listed: anyone of the domains).</summary>
    public List<string> Affiliations { get; set; } = [];

    public string OrganisationId { get; set; } = "";

    /// <summary>Name and type of the organisation, made at the first admission if the hub does not have it yet.</summary>
    public string OrganisationName { get; set; } = "";

    public string OrganisationType { get; set; } = "university";

    public List<string> Roles { get; set; } = [HubRoles.Member];
}
