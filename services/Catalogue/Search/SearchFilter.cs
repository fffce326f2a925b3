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
    ];

    public static IEnumerable<(string Name, string Column, bool IsArray)> FacetDimensions => Dimensions;

    public static (string Where, List<NpgsqlParameter> Parameters) Build(SearchRequest request, string? except = null)
    {
        var clauses = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        if (request.Text is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = request.Text });
            clauses.Add($"document @@ catalogue_search_query(${parameters.Count})");
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

    private static IReadOnlyList<string> ValuesOf(SearchRequest request, string dimension) => dimension switch
    {
        "kind" => request.Kinds,
        "hub" => request.Hubs,
        "licence" => request.Licences,
        "accessPolicy" => request.AccessPolicies,
        "keyword" => request.Keywords,
        "theme" => request.Themes,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };
}
