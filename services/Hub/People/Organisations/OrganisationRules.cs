using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Federation.Contracts.Serialization;
using Federation.Contracts.Hub;
using Federation.Hub.Identity.Accounts;

namespace Federation.Hub.People.Organisations;

/// <summary>What makes an organisation valid at a hub; <see cref="Validate"/> says what is wrong, field by field.</summary>
public static partial class OrganisationRules
{
    /// <summary>The first thing wrong with the input, as (field, message); null when it can be saved.</summary>
    public static (string Field, string Message)? Validate(OrganisationInput input, bool idGiven)
    {
        var (id, name, type, kvkNumber, domains) = (input.Id, input.Name, input.Type, input.KvkNumber, input.Domains ?? []);
        if (idGiven && id is not null && !Slug().IsMatch(id))
        {
            return ("id", "An organisation id is 2 to 100 lower-case letters, digits and dashes, such as 'tu-delft'.");
        }

        if (name?.Trim() is not { Length: >= 2 and <= 200 })
        {
            return ("name", "Give the organisation's name, 2 to 200 characters.");
        }

        if (!WireNames.TryParseWireName<OrganisationType>(type ?? "", out var parsed))
        {
            return ("type", "The type is one of company, university, research-institute, government, other.");
        }

        if (parsed == OrganisationType.Company && (kvkNumber is null || !Kvk().IsMatch(kvkNumber)))
        {
            return ("kvkNumber", "A company is registered by its KvK number: exactly eight digits, such as 12345678.");
        }

        if (parsed != OrganisationType.Company && kvkNumber is not null)
        {
            return ("kvkNumber", "Only a company has a KvK number here; leave it out for other organisations.");
        }

        if (domains.Count > 20)
        {
            return ("domains", "At most 20 domains.");
        }

        foreach (var domain in domains)
        {
            if (domain is null || !Domain().IsMatch(domain))
            {
                return ("domains", $"'{domain}' is not a domain name in lower case, such as 'rug.nl'.");
            }
        }

        return domains.Distinct(StringComparer.Ordinal).Count() == domains.Count ? null : ("domains", "A domain is named twice.");
    }

    /// <summary>Whether <paramref name="id"/> can name an organisation of a hub.</summary>
    public static bool IsId(string? id) => id is not null && Slug().IsMatch(id);

    /// <summary>Whether <paramref name="domain"/> is a domain name in lower case, such as 'rug.nl'.</summary>
    public static bool IsDomain(string? domain) => domain is not null && Domain().IsMatch(domain);

    public static OrganisationType TypeOf(string? wireName) =>
        WireNames.TryParseWireName<OrganisationType>(wireName ?? "", out var type) ? type : OrganisationType.Other;

    /// <summary>An id made from the name: 'Technische Universiteit Eindhoven' → 'technische-universiteit-eindhoven'.</summary>
    public static string SlugOf(string name)
    {
        var plain = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var slug = Dashes().Replace(plain.ToString(), "-").Trim('-');
        slug = slug.Length > 90 ? slug[..90].TrimEnd('-') : slug;
        return slug.Length >= 2 ? slug : $"organisation-{slug}".TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex Kvk();

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")]
    private static partial Regex Domain();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
