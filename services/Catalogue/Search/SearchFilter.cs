using Federation.Catalogue.Ingest;
using Federation.Catalogue.Search.Expansion;
using Federation.Contracts.Search;
using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// The conditions of a search as SQL, with their parameters: the text as a tsquery, and each filter as an overlap
/// with the row's filter tags (<c>dimension:value</c>, one GIN index for every combination of filters).
/// </summary>
/// <remarks>
/// Facet counts are disjunctive: a facet shows what choosing another of its values would give, so it is counted
/// over the rows that satisfy every filter but its own. <see cref="WhereAllButOne"/> selects exactly those rows.
/// </remarks>
internal sealed class SearchFilter
{
    private readonly List<object> values = [];

    private SearchFilter(SearchRequest request, QueryExpansion? expansion)
    {
        (Query, typed) = QueryOf(request, expansion);
        foreach (var dimension in SearchDimensions.All)
        {
            var selected = request.ValuesOf(dimension);
            if (selected.Count > 0)
            {
                var tags = selected.Select(value => FilterTags.Of(dimension, value)).ToArray();
                Active.Add(new ActiveFilter(dimension.Name, $"filter_tags && {Parameter(tags)}", tags.ToHashSet(StringComparer.Ordinal)));
            }
        }
    }

    /// <summary>The text's tsquery as SQL, widened by compound parts and translations: what a row must match. Null without text.</summary>
    public string? Query { get; }

    // The text's tsquery as typed, when the search widened it: a row that has these words ranks fully, the rest less.
    private readonly string? typed;

    /// <summary>How much a row found only by the widened words (a compound's parts, translations) counts against one with the words typed.</summary>
    public const double WidenedWeight = 0.3;

    /// <summary>The words the search also looked for, as translations of words typed.</summary>
    public IReadOnlyList<string> AlsoSearched { get; private set; } = [];

    /// <summary>
    /// The relevance of a row (SQL; <paramref name="table"/> its alias, or null): the sum of each word's weight in the
    /// row (every word the search looks for, typed or widened, counted once), taken whole when the row has the words as
    /// typed and at <see cref="WidenedWeight"/> when only their parts or translations found it; the row's popularity
    /// lifts it a little.
    /// </summary>
    /// <remarks>
    /// A sum over words rather than PostgreSQL's cover density rank of the whole query (which also rewards words close
    /// together): it judges the judged set as well (nDCG@10 0.578 against 0.577), and a sum can be bounded word by word,
    /// which is what lets a common word's best matches be found among its leaders (<see cref="Leaders.LeaderStatement"/>).
    /// One rank and one match per row: the rank is the costly part.
    /// </remarks>
    public string Rank(string? table)
    {
        var (document, popularity) = table is null ? ("document", "popularity") : ($"{table}.document", $"{table}.popularity");
        var ranking = $"(SELECT catalogue_ranking_query({Positive}))";
        var text = typed is null
            ? $"ts_rank_cd({document}, {ranking})"
            : $"(ts_rank_cd({document}, {ranking}) * CASE WHEN {document} @@ {typed} THEN 1 ELSE {WidenedWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)} END)";
        return $"({text} * catalogue_lift({popularity}))::real";
    }

    /// <summary>Every word the search looks for (typed, parts, translations; not the excluded), as a tsquery in SQL. Null without text.</summary>
    public string? Positive { get; private set; }

    /// <summary>Whether the text has a prefix term (<c>word*</c>), which matches words no leader list names.</summary>
    public bool HasPrefix { get; private set; }

    /// <summary>The filters the search sets, in the order of <see cref="SearchDimensions.All"/>.</summary>
    public List<ActiveFilter> Active { get; } = [];

    /// <summary>Every condition: the rows the search finds.</summary>
    public string Where => Join([TextClause, .. Active.Select(f => f.Clause)]);

    /// <summary>
    /// As <see cref="Where"/>, with the text condition written so that the planner cannot answer it from the text
    /// index. For a large result, checking rows along the recency index finds the newest matches within a few rows,
    /// while the text index would first list every match; the planner's estimates for text (phrases above all) are
    /// too rough to make that choice itself.
    /// </summary>
    public string WhereScanningText => Join([TextClause is null ? null : $"({TextClause}) IS TRUE", .. Active.Select(f => f.Clause)]);

    /// <summary>The rows that satisfy the text and all filters but at most one: everything a facet count needs.</summary>
    public string WhereAllButOne => Active.Count < 2
        ? Join([TextClause])
        : Join([TextClause, "(" + string.Join(" OR ", Active.Select(left => Join(Active.Where(f => f != left).Select(f => f.Clause)))) + ")"]);

    private string? TextClause => Query is null ? null : $"document @@ {Query}";

    public static SearchFilter Of(SearchRequest request, QueryExpansion? expansion = null) => new(request, expansion);

    /// <summary>Adds a value and gives its placeholder.</summary>
    public string Parameter(object value)
    {
        values.Add(value);
        return $"${values.Count}";
    }

    /// <summary>How many values the conditions have so far; statements built before more were added take that many.</summary>
    public int ParameterCount => values.Count;

    /// <summary>Fresh parameters for one statement of a batch (a parameter belongs to one command): the first <paramref name="count"/> values, or all.</summary>
    public NpgsqlParameter[] Parameters(int? count = null) =>
        values.Take(count ?? values.Count).Select(value => value is float real
            ? new NpgsqlParameter { Value = real, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Real }
            : new NpgsqlParameter { Value = value }).ToArray();

    private (string? Query, string? Typed) QueryOf(SearchRequest request, QueryExpansion? expansion)
    {
        if (request.Text is null)
        {
            return (null, null);
        }

        var (webSearch, prefixes) = SearchText.Split(request.Text);
        HasPrefix = prefixes is not null;
        var prefixQuery = prefixes is null ? null : $"to_tsquery('simple', {Parameter(prefixes)})";
        var expanded = webSearch is null ? null : expansion?.Expand(webSearch, request.Translate);
        (string? Query, string? Typed) result;
        if (expanded is { Widened: true })
        {
            AlsoSearched = expanded.Translations;
            var typed = Both($"catalogue_search_query({Parameter(webSearch!)})", prefixQuery);
            result = (Both(Widened(expanded), prefixQuery), typed);
        }
        else
        {
            // Text of punctuation only matches nothing rather than everything.
            result = (Both(webSearch is null ? null : $"catalogue_search_query({Parameter(webSearch)})", prefixQuery) ?? "''::tsquery", null);
        }

        // The words looked for: without the expansion's clauses (no excluded words to leave out), the query itself.
        var sought = expanded?.Clauses.Where(clause => clause.Kind is not (ClauseKind.Or or ClauseKind.Excluded))
            .SelectMany(clause => clause.Alternatives.Prepend(clause.Text)).Select(text => $"catalogue_search_query({Parameter(text)})").ToList();
        Positive = sought is { Count: > 0 }
            ? Both("(" + string.Join(" || ", sought) + ")", prefixQuery)
            : result.Query;
        return result;

        static string? Both(string? left, string? right) => left is null ? right : right is null ? left : $"({left} && {right})";
    }

    // The clauses as web-search syntax joins them: one after another all required, "or" between two either of them.
    private string Widened(ExpandedQuery expanded)
    {
        var required = new List<string>();
        var pendingOr = false;
        foreach (var clause in expanded.Clauses)
        {
            if (clause.Kind == ClauseKind.Or)
            {
                pendingOr = required.Count > 0;
                continue;
            }

            var sql = clause.Kind switch
            {
                ClauseKind.Excluded => $"!!catalogue_search_query({Parameter(clause.Text)})",
                _ => "(" + string.Join(" || ", clause.Alternatives.Prepend(clause.Text).Select(text => $"catalogue_search_query({Parameter(text)})")) + ")",
            };
            if (pendingOr)
            {
                required[^1] = $"({required[^1]} || {sql})";
                pendingOr = false;
            }
            else
            {
                required.Add(sql);
            }
        }

        return required.Count == 0 ? "''::tsquery" : "(" + string.Join(" && ", required) + ")";
    }

    private static string Join(IEnumerable<string?> clauses)
    {
        var present = clauses.OfType<string>().ToList();
        return present.Count == 0 ? "true" : string.Join(" AND ", present);
    }
}
