using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// The WHERE clause of a search, with its parameters. Facet counts use the same clause without their own filter,
/// so a facet shows what choosing another of its values would give.
/// </summary>
internal sealed class SearchFilter
{
    public const string Text = "text";

    private static readonly (string Name, string Column, bool IsArray)[] Dimensions =
    [
        ("kind", "kind", false),
        ("hub", "hub_id", false),
        ("licence", "licence", false),
        ("accessPolicy", "access_policy", false),
        ("keyword", "keywords", true),
        ("theme", "themes", true),
        ("riskClass", "risk_class", false),
        ("modality", "modality", false),
        ("task", "task", false),
        ("personalData", "personal_data", false),
        ("storageCountry", "storage_country", false),
        ("sector", "sectors", true),
        ("skill", "skills", true),
        ("region", "region", false),
        ("availability", "availability", false),
    ];

    public static IEnumerable<(string Name, string Column, bool IsArray)> FacetDimensions => Dimensions;

    public static (string Where, List<NpgsqlParameter> Parameters) Build(SearchRequest request, string? except = null) =>
        Build(request, out _, except);

    /// <summary>As <see cref="Build(SearchRequest, string?)"/>, also giving the text's tsquery as SQL (null without text) for ranking and snippets.</summary>
    public static (string Where, List<NpgsqlParameter> Parameters) Build(SearchRequest request, out string? query, string? except = null)
    {
        var clauses = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        query = QueryOf(request, parameters);
        if (query is not null)
        {
            clauses.Add($"document @@ {query}");
        }

        foreach (var (name, column, isArray) in Dimensions)
        {
            var values = ValuesOf(request, name);
            if (name == except || values.Count == 0)
            {
                continue;
            }

            parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
            clauses.Add(isArray ? $"{column} && ${parameters.Count}" : $"{column} = ANY(${parameters.Count})");
        }

        return (clauses.Count == 0 ? "true" : string.Join(" AND ", clauses), parameters);
    }

    /// <summary>The tsquery of the search text as SQL (its values added to <paramref name="parameters"/>), or null without text.</summary>
    public static string? QueryOf(SearchRequest request, List<NpgsqlParameter> parameters)
    {
        if (request.Text is null)
        {
            return null;
        }

        var (webSearch, prefixes) = SearchText.Split(request.Text);
        var parts = new List<string>();
        if (webSearch is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = webSearch });
            parts.Add($"catalogue_search_query(${parameters.Count})");
        }

        if (prefixes is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = prefixes });
            parts.Add($"to_tsquery('simple', ${parameters.Count})");
        }

        // Text of punctuation only matches nothing rather than everything.
        return parts.Count == 0 ? "''::tsquery" : $"({string.Join(" && ", parts)})";
    }

    private static IReadOnlyList<string> ValuesOf(SearchRequest request, string dimension) => dimension switch
    {
        "kind" => request.Kinds,
        "hub" => request.Hubs,
        "licence" => request.Licences,
        "accessPolicy" => request.AccessPolicies,
        "keyword" => request.Keywords,
        "theme" => request.Themes,
        _ when request.Metadata.TryGetValue(dimension, out var values) => values,
        _ when Dimensions.Any(d => d.Name == dimension) => [],
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };
}
