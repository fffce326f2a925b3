using Federation.Contracts.Metadata;
using Microsoft.Extensions.Primitives;

namespace Federation.Catalogue.Search;

/// <summary>Reads and checks the query string of /search; every refusal names its parameter.</summary>
public static class SearchRequestParser
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 500;
    public const int MaxTextLength = 300;
    private const int MaxValuesPerFilter = 20;

    private static readonly string[] KnownKinds = ["dataset", "model", "expertise"];
    private static readonly string[] KnownPolicies = ["open", "federation", "approval", "hub"];
    // The metadata filters, each with the values it allows (null: any value of the right shape).
    private static readonly (string Name, string[]? Allowed)[] MetadataFilters =
    [
        ("riskClass", [.. Vocabularies.AiActRiskClasses]),
        ("modality", [.. Vocabularies.Modalities]),
        ("task", [.. Vocabularies.ModelTasks]),
        ("personalData", ["yes", "no"]),
        ("storageCountry", null),
        ("sector", [.. Vocabularies.Sectors.Keys]),
        ("skill", null),
        ("region", [.. Vocabularies.Regions.Keys]),
        ("availability", [.. Vocabularies.Availabilities]),
    ];

    private static readonly string[] Known =
        ["q", "kind", "hub", "licence", "accessPolicy", "keyword", "theme", .. MetadataFilters.Select(f => f.Name), "sort", "cursor", "page", "pageSize"];

    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var text = query["q"].ToString().Trim();
        if (text.Length > MaxTextLength)
        {
            errors["q"] = [$"The search text may have at most {MaxTextLength} characters."];
        }
        else if (text.Any(char.IsControl))
        {
            errors["q"] = ["The search text may not contain control characters."];
        }

        var kinds = Values(query, "kind", errors, KnownKinds);
        var policies = Values(query, "accessPolicy", errors, KnownPolicies);
        var hubs = Values(query, "hub", errors);
        var licences = Values(query, "licence", errors);
        var keywords = Values(query, "keyword", errors).Select(k => k.ToLowerInvariant()).ToList();
        var themes = Values(query, "theme", errors).Select(t => t.ToUpperInvariant()).ToList();
        var metadata = MetadataFilters.ToDictionary(
            filter => filter.Name,
            filter => (IReadOnlyList<string>)Values(query, filter.Name, errors, filter.Allowed)
                .Select(v => filter.Name is "storageCountry" ? v.ToUpperInvariant() : filter.Name is "skill" ? v.ToLowerInvariant() : v).ToList());
        var page = Number(query, "page", 1, 1, MaxPage, errors);
        var pageSize = Number(query, "pageSize", 20, 1, MaxPageSize, errors);
        var sort = text.Length == 0 ? SearchSort.Modified : SearchSort.Relevance;
        switch (query["sort"].ToString())
        {
            case "":
                break;
            case "relevance" when text.Length > 0:
                sort = SearchSort.Relevance;
                break;
            case "relevance":
                errors["sort"] = ["Sorting by relevance needs search text ('q')."];
                break;
            case "modified":
                sort = SearchSort.Modified;
                break;
            default:
                errors["sort"] = ["Sort by 'relevance' or 'modified'."];
                break;
        }

        foreach (var key in query.Keys.Except(Known))
        {
            errors[key] = [$"Unknown parameter '{key}'. Known: {string.Join(", ", Known)}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var request = new SearchRequest(text.Length == 0 ? null : text, kinds, hubs, licences, policies, keywords, themes, page, pageSize, sort,
            MetadataFilters: metadata);
        var cursorText = query["cursor"].ToString();
        if (cursorText.Length == 0)
        {
            return (request, errors);
        }

        // A cursor belongs to the query it was made for: used with other text, filters or order it would skip or repeat hits.
        if (query.ContainsKey("page"))
        {
            errors["cursor"] = ["Use either 'cursor' or 'page', not both."];
        }
        else if (cursorText.Length > 400 || SearchCursor.TryDecode(cursorText) is not { } cursor)
        {
            errors["cursor"] = ["This is not a cursor this catalogue gave out; start again without one."];
        }
        else if (cursor.Query != SearchCursor.QueryKeyOf(request))
        {
            errors["cursor"] = ["The cursor belongs to another search (different text, filters or sort); start again without one."];
        }
        else
        {
            return (request with { After = cursor }, errors);
        }

        return (null, errors);
    }

    private static List<string> Values(IQueryCollection query, string name, Dictionary<string, string[]> errors, string[]? allowed = null)
    {
        var values = query[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().ToList();
        if (values.Count > MaxValuesPerFilter || values.Any(v => v.Length > 100 || v.Any(char.IsControl)))
        {
            errors[name] = [$"At most {MaxValuesPerFilter} values of at most 100 characters, without control characters, for '{name}'."];
        }
        else if (allowed is not null && values.FirstOrDefault(v => !allowed.Contains(v)) is { } unknown)
        {
            errors[name] = [$"Unknown {name} '{unknown}': use {string.Join(", ", allowed)}."];
        }

        return values;
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        StringValues raw = query[name];
        if (StringValues.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
            return fallback;
        }

        return value;
    }
}
