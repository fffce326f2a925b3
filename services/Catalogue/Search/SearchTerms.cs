namespace Federation.Catalogue.Search;

/// <summary>
/// The tsqueries one statement uses, each computed once in a one-row CTE named <c>terms</c> and read from it
/// wherever the statement needs it: the match, the words whose leaders are read, each rank's query.
/// </summary>
/// <remarks>
/// Written inline, each use of a word's tsquery is a call on a parameter that the planner folds into a constant,
/// parsing the word with the dictionaries again for every use: the leaders statement of two common words with their
/// translations named them some fifty times and took 5.6 ms to plan against 5.7 ms to run (docs/benchmarks.md).
/// Read from the CTE, they are computed once each, when the statement runs; a tsquery made of several is computed
/// there whole too, so that no row pays for joining them. Only where the plan does not hang on the planner's estimate
/// of the match, which it cannot make of a value it has not computed: rows looked up by id, ranks, the bound, the
/// snippet. A walk along the recency index keeps its match inline: with filters, the match's estimate decides between
/// that walk and the filters' index.
/// </remarks>
internal sealed class SearchTerms(SearchFilter filter)
{
    private const string Name = "terms";

    // Each expression read from the CTE, by the column that holds it, in the order first asked for.
    private readonly Dictionary<string, string> columns = new(StringComparer.Ordinal);

    // Whether the definition was written: a column asked for after it would not be in the CTE.
    private bool defined;

    /// <summary>A tsquery of the filter's words (SQL, as the filter writes it), read from the CTE.</summary>
    public string Of(string query) => Read(query);

    /// <summary>The query a rank weighs a row by for a tsquery of the filter's words (see <c>catalogue_ranking_query</c>), read from the CTE.</summary>
    public string RankingOf(string query) => Read($"catalogue_ranking_query({query})");

    /// <summary>
    /// The CTE (<c>terms AS MATERIALIZED (…)</c>) holding everything asked for so far: each word's tsquery computed once
    /// below, and each expression made of them above.
    /// </summary>
    public string Definition()
    {
        defined = true;
        var words = filter.WordQueries;
        string FromWords(string expression)
        {
            for (var i = 0; i < words.Count; i++)
            {
                expression = expression.Replace(words[i], $"w.w{i + 1}", StringComparison.Ordinal);
            }

            return expression;
        }

        var computed = columns.Count == 0 ? "true AS nothing" : string.Join(", ", columns.Select(c => $"{FromWords(c.Key)} AS {c.Value}"));
        var each = words.Count == 0 ? "true AS nothing" : string.Join(", ", words.Select((word, i) => $"{word} AS w{i + 1}"));
        // OFFSET 0 keeps the words' subquery apart: pulled up into the expressions made of them, each use would be a
        // call to fold again.
        return $"{Name} AS MATERIALIZED (SELECT {computed} FROM (SELECT {each} OFFSET 0) w)";
    }

    private string Read(string expression)
    {
        if (!columns.TryGetValue(expression, out var column))
        {
            if (defined)
            {
                throw new InvalidOperationException("A term was asked for after the CTE was written: build every use before the definition.");
            }

            column = $"t{columns.Count + 1}";
            columns.Add(expression, column);
        }

        return $"(SELECT {column} FROM {Name})";
    }
}
