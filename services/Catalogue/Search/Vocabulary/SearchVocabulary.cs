using Federation.Catalogue.Search.Compounds;

namespace Federation.Catalogue.Search.Vocabulary;

/// <summary>
/// The bilingual vocabulary of the field (AI methods, kinds of data, sectors, regions, the EU data themes) that lets a
/// Dutch query find English resources and the reverse: each term leads to the other terms of its entry, those of the
/// other language and the variants of its own. Shipped inside the catalogue (nl-en.tsv, one entry a line:
/// domain, Dutch terms, English terms, alternatives separated by " | ").
/// </summary>
public sealed class SearchVocabulary
{
    private readonly Dictionary<string, string[]> others;

    private SearchVocabulary(Dictionary<string, string[]> others, int entries)
    {
        this.others = others;
        Entries = entries;
        LongestTerm = others.Keys.Select(WordCount).DefaultIfEmpty(1).Max();
    }

    /// <summary>How many entries (concepts) the vocabulary holds.</summary>
    public int Entries { get; }

    /// <summary>The most words any term has: how far a query's words are looked at together.</summary>
    public int LongestTerm { get; }

    /// <summary>The other terms of every entry holding <paramref name="term"/> (lower case, words separated by one space).</summary>
    public IReadOnlyList<string> OthersOf(string term) => others.GetValueOrDefault(term) ?? [];

    public static SearchVocabulary Shipped() =>
        Parse(new StreamReader(typeof(SearchVocabulary).Assembly.GetManifestResourceStream("Federation.Catalogue.Search.Vocabulary.nl-en.tsv")
            ?? throw new InvalidOperationException("The catalogue was built without its search vocabulary (nl-en.tsv).")).ReadToEnd());

    public static SearchVocabulary Parse(string text)
    {
        var linked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var entries = 0;
        foreach (var (line, number) in text.Split('\n').Select((line, index) => (line.TrimEnd('\r'), index + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 3)
            {
                throw new FormatException($"Line {number} of the search vocabulary has {columns.Length} columns; an entry has 3 (domain, Dutch, English).");
            }

            var terms = columns[1..].SelectMany(column => column.Split('|')).Select(Normalise).Where(t => t.Length > 0).Distinct().ToList();
            entries++;
            foreach (var term in terms)
            {
                if (!linked.TryGetValue(term, out var list))
                {
                    linked[term] = list = [];
                }

                list.AddRange(terms.Where(other => other != term && !list.Contains(other)));
            }
        }

        return new SearchVocabulary(linked.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal), entries);
    }

    /// <summary>Lower case, single spaces, the ligature ĳ as i + j: how terms are kept and looked up.</summary>
    public static string Normalise(string term) =>
        string.Join(' ', HunspellCompoundParts.Normalise(term).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int WordCount(string term) => term.Count(c => c == ' ') + 1;
}
