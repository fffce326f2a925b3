using Federation.Contracts.Search;
using Microsoft.Extensions.Primitives;

namespace Federation.Catalogue.Search;

/// <summary>Reads and checks the query string of /search; every refusal names its parameter.</summary>
public static class SearchRequestParser
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 500;
    public const int MaxTextLength = 300;
    private const int MaxValuesPerFilter = 20;

    private static readonly string[] Known =
        ["q", .. SearchDimensions.All.Select(d => d.Name), "sort", "cursor", "page", "pageSize", "translate"];

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

        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var dimension in SearchDimensions.All)
        {
            var values = Values(query, dimension.Name, errors, dimension.Allowed);
            if (values.Count > 0)
            {
                filters[dimension.Name] = values.Select(dimension.Normalise).Distinct(StringComparer.Ordinal).ToList();
            }
        }

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
            case "popularity":
                sort = SearchSort.Popularity;
                break;
            default:
                errors["sort"] = ["Sort by 'relevance', 'modified' or 'popularity'."];
                break;
        }

        var translate = query["translate"].ToString() switch
        {
            "" or "true" => true,
            "false" => false,
            _ => Refused(errors, "translate", "Use 'translate=true' (the default: the text is also searched in translation) or 'translate=false'."),
        };

        foreach (var key in query.Keys.Except(Known))
        {
            errors[key] = [$"Unknown parameter '{key}'. Known: {string.Join(", ", Known)}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var request = new SearchRequest(text.Length == 0 ? null : text, filters, page, pageSize, sort, Translate: translate);
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
        else if (cursorText.Length > 600 || SearchCursor.TryDecode(cursorText) is not { } cursor)
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

    private static bool Refused(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return false;
    }

    private static List<string> Values(IQueryCollection query, string name, Dictionary<string, string[]> errors, IReadOnlyList<string>? allowed)
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
