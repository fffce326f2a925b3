using Federation.Contracts.Hub;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Federation.Contracts;
using Federation.Hub.Resources.Metadata;
using Federation.Contracts.Serialization;
using Federation.Trust;

namespace Federation.Hub.Resources;

/// <summary>
/// Checks what staff send and turns it into <see cref="ResourceContent"/>. Every problem is reported against the
/// JSON field it concerns (keywords[2], licence …) so a form can show it beside that field.
/// </summary>
public static partial class ResourceValidator
{
    public const int TitleMax = 200;
    public const int SummaryMax = 1_000;
    public const int DescriptionMax = 20_000;
    public const int KeywordsMax = 30;
    public const int KeywordLengthMax = 60;
    public const int PublisherMax = 200;
    public const int ContactPointMax = 320;
    public const int IdentifierMax = 200;
    public const int ChangeNoteMax = 1_000;

    /// <param name="memberKind">What this node is in the federation (<see cref="MemberMetadata.HubKind"/> or
    /// <see cref="MemberMetadata.FacilityKind"/>): only a facility offers compute.</param>
    public static (ResourceContent? Content, Dictionary<string, string[]> Errors) Validate(ResourceInput input, string memberKind = MemberMetadata.HubKind)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var kind = ParseEnum<ResourceKind>(input.Kind, "kind", "dataset, model, expertise, compute", Fail);
        if (kind == ResourceKind.Compute && memberKind != MemberMetadata.FacilityKind)
        {
            Fail("kind", "Compute offers are published by compute facilities (an AI factory, a supercomputer centre); this node is a hub.");
        }

        var accessPolicy = ParseEnum<AccessPolicy>(input.AccessPolicy, "accessPolicy", "open, federation, approval, hub", Fail);
        var title = Text(input.Title, "title", 3, TitleMax, required: true, Fail);
        var summary = Text(input.Summary, "summary", 0, SummaryMax, required: false, Fail);
        var description = Text(input.Description, "description", 0, DescriptionMax, required: false, Fail);
        var publisher = Text(input.Publisher, "publisher", 2, PublisherMax, required: true, Fail);
        var keywords = Keywords(input.Keywords, Fail);
        var themes = Themes(input.Themes, Fail);
        var licence = Licence(input.Licence, Fail);
        var contactPoint = ContactPoint(input.ContactPoint, Fail);
        var language = Language(input.Language, Fail);
        var identifier = Identifier(input.Identifier, Fail);
        var changeNote = Text(input.ChangeNote, "changeNote", 0, ChangeNoteMax, required: false, Fail);
        var metadata = new FieldErrors();
        var dataset = DatasetMetadataValidator.Validate(input.Dataset, metadata);
        var model = ModelCardValidator.Validate(input.Model, metadata);
        var expertise = ExpertiseProfileValidator.Validate(input.Expertise, metadata);
        var compute = ComputeOfferValidator.Validate(input.Compute, metadata);
        var sovereignty = SovereigntyValidator.Validate(input.Sovereignty, metadata);
        if (kind == ResourceKind.Compute && input.Compute is null)
        {
            metadata.Fail("compute", "A compute offer needs its 'compute' metadata: partitions, capacity, scheduler, site, energy, eligibility and access modes.");
        }

        if (kind == ResourceKind.Compute && input.Sovereignty is null)
        {
            metadata.Fail("sovereignty", "A compute offer says where it computes and under which law: 'sovereignty' with storageCountry and jurisdiction.");
        }
        foreach (var (field, messages) in metadata.ByField)
        {
            errors[field] = messages;
        }

        // Each kind carries its own metadata and no other's.
        foreach (var (field, given, belongsTo) in new[]
        {
            ("dataset", input.Dataset is not null, ResourceKind.Dataset),
            ("model", input.Model is not null, ResourceKind.Model),
            ("expertise", input.Expertise is not null, ResourceKind.Expertise),
            ("compute", input.Compute is not null, ResourceKind.Compute),
        })
        {
            if (given && kind is { } k && k != belongsTo)
            {
                Fail(field, $"'{field}' metadata belongs to a resource of kind {field}, not {k.ToWireName()}.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ResourceContent(kind!.Value, title!, summary ?? "", description ?? "", keywords, themes, licence!,
            accessPolicy!.Value, publisher!, contactPoint, language, dataset, model, expertise, sovereignty, compute, identifier,
            string.IsNullOrEmpty(changeNote) ? null : changeNote), errors);
    }

    private static T? ParseEnum<T>(string? value, string field, string allowed, Action<string, string> fail)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(field, $"'{field}' is required: one of {allowed}.");
            return null;
        }

        if (!WireNames.TryParseWireName<T>(value.Trim(), out var parsed))
        {
            fail(field, $"Unknown {field} '{Shorten(value)}': use one of {allowed}.");
            return null;
        }

        return parsed;
    }

    private static string? Text(string? value, string field, int min, int max, bool required, Action<string, string> fail)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                fail(field, $"'{field}' is required.");
            }

            return null;
        }

        if (text.Length < min)
        {
            fail(field, $"'{field}' must have at least {min} characters.");
        }
        else if (text.Length > max)
        {
            fail(field, $"'{field}' may have at most {max} characters; it has {text.Length}.");
        }
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            fail(field, $"'{field}' contains control characters.");
        }

        return text;
    }

    private static string[] Keywords(IReadOnlyList<string?>? values, Action<string, string> fail)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > KeywordsMax)
        {
            fail("keywords", $"At most {KeywordsMax} keywords; there are {values.Count}.");
            return [];
        }

        var keywords = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var keyword = values[i]?.Trim();
            if (string.IsNullOrEmpty(keyword) || keyword.Length > KeywordLengthMax || keyword.Any(char.IsControl))
            {
                fail($"keywords[{i}]", $"A keyword has 1 to {KeywordLengthMax} characters and no control characters.");
            }
            else if (!keywords.Contains(keyword, StringComparer.OrdinalIgnoreCase))
            {
                keywords.Add(keyword);
            }
        }

        return [.. keywords];
    }

    private static string[] Themes(IReadOnlyList<string?>? values, Action<string, string> fail)
    {
        if (values is null)
        {
            return [];
        }

        var themes = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var theme = values[i]?.Trim();
            if (theme is null || !DataThemes.Codes.Contains(theme))
            {
                fail($"themes[{i}]", $"Unknown theme '{Shorten(theme)}': use EU data-theme codes ({string.Join(", ", DataThemes.Codes.Order())}).");
            }
            else if (!themes.Contains(theme.ToUpperInvariant()))
            {
                themes.Add(theme.ToUpperInvariant());
            }
        }

        return [.. themes];
    }

    private static string? Licence(string? value, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail("licence", "'licence' is required: an SPDX licence id such as CC-BY-4.0, or LicenseRef-<name> for a licence of your own.");
            return null;
        }

        if (!LicenceIds.TryNormalise(value.Trim(), out var canonical))
        {
            fail("licence", $"'{Shorten(value)}' is not an SPDX licence id. Use one such as CC-BY-4.0, MIT or Apache-2.0, or LicenseRef-<name>.");
            return null;
        }

        return canonical;
    }

    private static string? ContactPoint(string? value, Action<string, string> fail)
    {
        var contact = value?.Trim();
        if (string.IsNullOrEmpty(contact))
        {
            return null;
        }

        var isEmail = contact.Length <= ContactPointMax && MailAddress.TryCreate(contact, out var mail) && mail.Address == contact;
        var isWebPage = Uri.TryCreate(contact, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && contact.Length <= ContactPointMax;
        if (!isEmail && !isWebPage)
        {
            fail("contactPoint", "'contactPoint' must be an e-mail address or an http(s) address of at most 320 characters.");
        }

        return contact;
    }

    // A key, not prose: visible characters and inner spaces, at most 200 (a UUID, a CKAN name, a URI all fit).
    private static string? Identifier(string? value, Action<string, string> fail)
    {
        var identifier = value?.Trim();
        if (string.IsNullOrEmpty(identifier))
        {
            return null;
        }

        if (identifier.Length > IdentifierMax || identifier.Any(char.IsControl))
        {
            fail("identifier", $"'identifier' is a key of at most {IdentifierMax} characters without control characters.");
            return null;
        }

        return identifier;
    }

    private static string? Language(string? value, Action<string, string> fail)
    {
        var language = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(language))
        {
            return null;
        }

        if (!LanguageTag().IsMatch(language))
        {
            fail("language", "'language' must be a two-letter ISO 639-1 code such as nl or en.");
        }

        return language;
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageTag();
}
