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
    private readonly List<string> wordQueries = [];

    private SearchFilter(SearchRequest request, QueryExpansion? expansion)
    {
        Query = QueryOf(request, expansion);
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

    /// <summary>How much a word found through widening (a compound's parts, a translation) counts against the word typed.</summary>
    public const double WidenedWeight = 0.3;

    /// <summary>The words the search also looked for, as translations of words typed.</summary>
    public IReadOnlyList<string> AlsoSearched { get; private set; } = [];

    /// <summary>
    /// The relevance of a row (SQL; <paramref name="table"/> its alias, or null): for each part of the text (a word, a
    /// phrase, words joined by "or"), the best of its alternatives, each the sum of its words' weights in the row (the
    /// word as typed whole, its parts or translations at <see cref="WidenedWeight"/>); summed over the parts, and
    /// lifted a little by the row's popularity.
    /// </summary>
    /// <remarks>
    /// A sum over words rather than PostgreSQL's cover density rank of the whole query (which also rewards words close
    /// together), and the best alternative of a part rather than all of them: it judges the judged set as well or
    /// better (docs/benchmarks.md), and it can be bounded word by word from the leaders of the words, which is what finds a
    /// common word's best matches among a million (<see cref="Leaders.LeaderStatement"/>): a bound that added up
    /// every alternative would sit where no row that has one of them reaches.
    /// </remarks>
    public string Rank(string? table, SearchTerms? terms = null)
    {
        var (document, popularity) = table is null ? ("document", "popularity") : ($"{table}.document", $"{table}.popularity");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string RankOf(string query) => $"ts_rank_cd({document}, {terms?.RankingOf(query) ?? $"(SELECT catalogue_ranking_query({query}))"})";
        // Parts of one alternative in one rank of all their words: the same sum (a word in two of them counts once, which
        // only lowers the rank below the leaders' bound), for one rank a row rather than one a part.
        static bool Single(IReadOnlyList<(string Query, double Weight)> alternatives) => alternatives is [(_, 1)];
        var single = Parts.Where(Single).Select(alternatives => alternatives[0].Query).ToList();
        var summands = Parts.Where(alternatives => !Single(alternatives))
            .Select(alternatives => "greatest(" + string.Join(", ", alternatives.Select(alternative => alternative.Weight == 1
                ? RankOf(alternative.Query)
                : $"{alternative.Weight.ToString(invariant)} * {RankOf(alternative.Query)}")) + ")")
            .Prepend(single.Count == 0 ? null : RankOf(single.Count == 1 ? single[0] : "(" + string.Join(" || ", single) + ")"))
            .OfType<string>().ToList();
        return summands.Count == 0 ? "0::real" : $"(({string.Join(" + ", summands)}) * catalogue_lift({popularity}))::real";
    }

    /// <summary>
    /// The parts of the text that rank (<see cref="Rank"/>), each with its alternatives: a tsquery in SQL and its weight.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Query, double Weight)>> Parts { get; private set; } = [];

    /// <summary>
    /// The parts as the arguments <c>catalogue_leader_bound</c> takes: the part of each alternative, its weight, its tsquery.
    /// </summary>
    public (string Parts, string Weights, string Queries) PartArguments(SearchTerms? terms = null)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var flat = Parts.SelectMany((alternatives, part) => alternatives.Select(alternative => (Part: part + 1, alternative.Weight, alternative.Query))).ToList();
        return ($"ARRAY[{string.Join(", ", flat.Select(a => a.Part))}]::integer[]",
            $"ARRAY[{string.Join(", ", flat.Select(a => a.Weight.ToString("R", invariant)))}]::float8[]",
            Read($"ARRAY[{string.Join(", ", flat.Select(a => a.Query))}]::tsquery[]", terms));
    }

    /// <summary>
    /// The tsquery of each word or phrase of the text as SQL on its parameter (typed, widened, excluded, prefixes): what
    /// every tsquery above is made of (<see cref="SearchTerms"/>).
    /// </summary>
    public IReadOnlyList<string> WordQueries => wordQueries;

    /// <summary>Every word the search looks for (typed, parts, translations; not the excluded), as a tsquery in SQL. Null without text.</summary>
    public string? Positive { get; private set; }

    /// <summary>Whether the text has a prefix term (<c>word*</c>), which matches words no leader list names.</summary>
    public bool HasPrefix { get; private set; }

    /// <summary>The filters the search sets, in the order of <see cref="SearchDimensions.All"/>.</summary>
    public List<ActiveFilter> Active { get; } = [];

    /// <summary>Every condition: the rows the search finds.</summary>
    public string Where => Join([TextClause(null), .. Active.Select(f => f.Clause)]);

    /// <summary>
    /// As <see cref="Where"/>, with the text condition written so that the planner cannot answer it from the text
    /// index. For a large result, checking rows along the recency index finds the newest matches within a few rows,
    /// while the text index would first list every match; the planner's estimates for text (phrases above all) are
    /// too rough to make that choice itself.
    /// </summary>
    public string WhereScanningText => Join([TextClause(null) is { } text ? $"({text}) IS TRUE" : null, .. Active.Select(f => f.Clause)]);

    /// <summary>As <see cref="Where"/>, with the match read from <paramref name="terms"/> (for rows looked up by id).</summary>
    public string WhereReadingTerms(SearchTerms terms) => Join([TextClause(terms), .. Active.Select(f => f.Clause)]);

    /// <summary>The rows that satisfy the text and all filters but at most one: everything a facet count needs.</summary>
    public string WhereAllButOne => Active.Count < 2
        ? Join([TextClause(null)])
        : Join([TextClause(null), "(" + string.Join(" OR ", Active.Select(left => Join(Active.Where(f => f != left).Select(f => f.Clause)))) + ")"]);

    private string? TextClause(SearchTerms? terms) => Query is null ? null : $"document @@ {Read(Query, terms)}";

    private static string Read(string query, SearchTerms? terms) => terms?.Of(query) ?? query;

    public static SearchFilter Of(SearchRequest request, QueryExpansion? expansion = null) => new(request, expansion);

    /// <summary>Adds a value and gives its placeholder.</summary>
    public string Parameter(object value)
    {
        values.Add(value);
        return $"${values.Count}";
    }

    // A tsquery made of one parameter, kept in WordQueries.
    private string WordQuery(string sql)
    {
        wordQueries.Add(sql);
        return sql;
    }

    /// <summary>How many values the conditions have so far; statements built before more were added take that many.</summary>
    public int ParameterCount => values.Count;

    /// <summary>Fresh parameters for one statement of a batch (a parameter belongs to one command): the first <paramref name="count"/> values, or all.</summary>
    public NpgsqlParameter[] Parameters(int? count = null) =>
        values.Take(count ?? values.Count).Select(value => value is float real
            ? new NpgsqlParameter { Value = real, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Real }
            : new NpgsqlParameter { Value = value }).ToArray();

    private string? QueryOf(SearchRequest request, QueryExpansion? expansion)
    {
        if (request.Text is null)
        {
            return null;
        }

        var (webSearch, prefixes) = SearchText.Split(request.Text);
        HasPrefix = prefixes is not null;
        var prefixQuery = prefixes is null ? null : WordQuery($"to_tsquery('simple', {Parameter(prefixes)})");
        var expanded = webSearch is null ? null : expansion?.Expand(webSearch, request.Translate);
        string query;
        List<List<(string, double)>> parts;
        if (expanded is not null)
        {
            AlsoSearched = expanded.Translations;
            (query, parts) = Widened(expanded);
            // Nothing widened: the text matches as PostgreSQL's web-search syntax reads it whole.
            query = expanded.Widened ? query : WordQuery($"catalogue_search_query({Parameter(webSearch!)})");
        }
        else
        {
            // Text of punctuation only matches nothing rather than everything.
            query = webSearch is null ? "''::tsquery" : WordQuery($"catalogue_search_query({Parameter(webSearch)})");
            parts = webSearch is null ? [] : [[(query, 1.0)]];
        }

        if (prefixQuery is not null)
        {
            query = webSearch is null ? prefixQuery : $"({query} && {prefixQuery})";
            parts.Add([(prefixQuery, 1.0)]);
        }

        Parts = parts;
        // Every word looked for, typed or widened (not the excluded): the words whose leaders a large search reads.
        Positive = parts.Count == 0 ? query : "(" + string.Join(" || ", parts.SelectMany(part => part).Select(alternative => alternative.Item1)) + ")";
        return query;
    }

    // The clauses as web-search syntax joins them: one after another all required, "or" between two either of them;
    // and the parts that rank: a clause with its alternatives, or two clauses joined by "or" as one part.
    private (string Query, List<List<(string, double)>> Parts) Widened(ExpandedQuery expanded)
    {
        var required = new List<string>();
        var parts = new List<List<(string, double)>>();
        var pendingOr = false;
        // Whether the last required element has a part of its own (an excluded word has none, and "-b or c" must not
        // make c an alternative of whatever came before).
        var lastHasPart = false;
        foreach (var clause in expanded.Clauses)
        {
            if (clause.Kind == ClauseKind.Or)
            {
                pendingOr = required.Count > 0;
                continue;
            }

            List<(string, double)> alternatives = clause.Kind == ClauseKind.Excluded ? []
                : [(WordQuery($"catalogue_search_query({Parameter(clause.Text)})"), 1.0),
                    .. clause.Alternatives.Select(text => (WordQuery($"catalogue_search_query({Parameter(text)})"), WidenedWeight))];
            var sql = clause.Kind == ClauseKind.Excluded
                ? $"!!{WordQuery($"catalogue_search_query({Parameter(clause.Text)})")}"
                : "(" + string.Join(" || ", alternatives.Select(alternative => alternative.Item1)) + ")";
            if (pendingOr)
            {
                required[^1] = $"({required[^1]} || {sql})";
                if (lastHasPart)
                {
                    parts[^1].AddRange(alternatives);
                }
                else if (alternatives.Count > 0)
                {
                    parts.Add(alternatives);
                    lastHasPart = true;
                }

                pendingOr = false;
            }
            else
            {
                required.Add(sql);
                lastHasPart = alternatives.Count > 0;
                if (lastHasPart)
                {
                    parts.Add(alternatives);
                }
            }
        }

        return (required.Count == 0 ? "''::tsquery" : "(" + string.Join(" && ", required) + ")", parts);
    }

    private static string Join(IEnumerable<string?> clauses)
    {
        var present = clauses.OfType<string>().ToList();
        return present.Count == 0 ? "true" : string.Join(" AND ", present);
    }
}
