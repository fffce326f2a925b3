using System.Text.RegularExpressions;
using Federation.Contracts.Authority;
using Federation.Trust;

namespace Federation.Authority.Members;

/// <summary>What an admission must hold, each fault named by its field.</summary>
public static partial class AdmissionCheck
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { MemberMetadata.HubKind, MemberMetadata.FacilityKind };

    public static Dictionary<string, string[]> Faults(string memberId, MemberAdmission? admission, bool plainHttpAllowed)
    {
        var faults = new Dictionary<string, string[]>();
        if (!MemberId().IsMatch(memberId))
        {
            faults["memberId"] = ["A member id is 2 to 63 lower-case letters, digits and hyphens, starting with a letter or digit."];
        }

        if (admission is null)
        {
            faults["body"] = ["The admission is missing."];
            return faults;
        }

        if (string.IsNullOrWhiteSpace(admission.DisplayName) || admission.DisplayName.Length > 200)
        {
            faults["displayName"] = ["A display name of 1 to 200 characters is needed."];
        }

        if (admission.Kind is null || !Kinds.Contains(admission.Kind))
        {
            faults["kind"] = [$"The kind must be one of: {string.Join(", ", Kinds)}."];
        }

        foreach (var (field, url) in new[] { ("entityId", admission.EntityId), ("issuer", admission.Issuer), ("apiBaseUrl", admission.ApiBaseUrl) })
        {
            if (url is not { IsAbsoluteUri: true } || (url.Scheme != Uri.UriSchemeHttps && !(plainHttpAllowed && url.Scheme == Uri.UriSchemeHttp)) || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                faults[field] = [plainHttpAllowed ? "An absolute http(s) URL without query or fragment is needed." : "An absolute https URL without query or fragment is needed."];
            }
        }

        if (admission.PublicKeys is not { Count: >= 1 and <= 3 })
        {
            faults["publicKeys"] = ["One to three public keys are needed (two during a rollover)."];
        }
        else if (admission.PublicKeys.Any(pem => pem is null || pem.Contains("PRIVATE KEY", StringComparison.Ordinal)))
        {
            faults["publicKeys"] = ["Only the public half of a key is given to the authority (-----BEGIN PUBLIC KEY-----)."];
        }
        else if (!admission.PublicKeys.All(IsP256PublicKey))
        {
            faults["publicKeys"] = ["Each key must be an ECDSA P-256 public key in PEM."];
        }

        return faults;
    }

    private static bool IsP256PublicKey(string pem)
    {
        try
        {
            FederationKey.PublicFromPem(pem);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex MemberId();
}
