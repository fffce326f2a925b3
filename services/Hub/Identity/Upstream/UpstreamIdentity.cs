using System.Security.Claims;
using System.Text.Json;

namespace Federation.Hub.Identity.Upstream;

/// <summary>
/// Who an upstream provider says the person is, read from its ID token and user-info claims by the provider's claim
/// names. Only these facts are kept from it; the provider's tokens are never stored nor passed on.
/// </summary>
public sealed record UpstreamIdentity(
    string Provider,
    string Subject,
    string? Email,
    bool EmailVerified,
    string? Name,
    string? OrganisationDomain,
    IReadOnlyList<string> Affiliations)
{
    /// <summary>The domain a rule is matched against: the institution's own word when given, else the verified address's.</summary>
    public string? Domain => OrganisationDomain ?? (EmailVerified && Email is { } email && email.LastIndexOf('@') is var at and > 0 ? email[(at + 1)..].ToLowerInvariant() : null);

    public static UpstreamIdentity? From(ClaimsPrincipal principal, UpstreamProvider provider)
    {
        var names = provider.Claims;
        var subject = principal.FindFirst(names.Subject)?.Value;
        if (string.IsNullOrEmpty(subject) || subject.Length > 255)
        {
            return null;
        }

        var email = Trimmed(principal.FindFirst(names.Email)?.Value, 254);
        // "true" as a JSON boolean or a string: providers differ, and anything else is not a verification.
        var verified = principal.FindFirst(names.EmailVerified)?.Value is { } flag && bool.TryParse(flag, out var isVerified) && isVerified;
        var organisation = Trimmed(principal.FindFirst(names.Organisation)?.Value, 253)?.ToLowerInvariant();
        return new UpstreamIdentity(
            provider.Name, subject, email, verified, Trimmed(principal.FindFirst(names.Name)?.Value, 200), organisation,
            [.. principal.FindAll(names.Affiliation).SelectMany(claim => Values(claim.Value)).Select(value => value.ToLowerInvariant()).Distinct()]);
    }

    /// <summary>The first rule of <paramref name="provider"/> that admits this person, or null when staff must decide.</summary>
    public AdmissionRule? AdmittedBy(UpstreamProvider provider) =>
        Domain is not { } domain
            ? null
            : provider.Admission.FirstOrDefault(rule =>
                rule.Domains.Any(allowed => domain == allowed || domain.EndsWith("." + allowed, StringComparison.Ordinal))
                && (rule.Affiliations.Count == 0 || rule.Affiliations.Any(wanted => Affiliations.Contains(wanted.ToLowerInvariant()))));

    private static string? Trimmed(string? value, int maxLength) =>
        value?.Trim() is { Length: > 0 } trimmed && trimmed.Length <= maxLength && !trimmed.Any(char.IsControl) ? trimmed : null;

    // A multi-valued claim arrives as a JSON array in one claim or as one claim per value.
    private static IEnumerable<string> Values(string value)
    {
        if (!value.StartsWith('['))
        {
            return [value];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(value) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
