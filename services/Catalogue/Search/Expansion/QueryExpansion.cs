using System.Text.RegularExpressions;
using Federation.Catalogue.Search.Compounds;
using Federation.Catalogue.Search.Vocabulary;

namespace Federation.Catalogue.Search.Expansion;

/// <summary>
/// Widens a search text in web-search syntax: every word that is a Dutch compound also matches its parts together
/// ("verkeersdata" finds "data over verkeer"), and, when translations are wanted, every word or run of words that is a
/// term of the vocabulary also matches the other terms of its entries ("satellietbeelden" finds "satellite imagery").
/// Phrases in quotes and excluded words are kept exactly as typed.
/// </summary>
public sealed partial class QueryExpansion(CompoundSplitter splitter, SearchVocabulary vocabulary)
{
    // Bounds on the query PostgreSQL is handed, whatever the text and the vocabulary hold.
    private const int MaxAlternativesPerClause = 8;
    private const int MaxAlternatives = 24;

    public ExpandedQuery Expand(string text, bool translate)
    {
        var typed = Token().Matches(text).Select(token => SearchVocabulary.Normalise(token.Value.Trim('"', '-'))).ToHashSet(StringComparer.Ordinal);
        var clauses = new List<QueryClause>();
        var run = new List<string>();
        var translations = new List<string>();
        var budget = MaxAlternatives;
        foreach (Match token in Token().Matches(text))
        {
            var (excluded, quoted, word) = (token.Groups["minus"].Success, token.Groups["phrase"], token.Groups["word"].Value);
            if (!excluded && !quoted.Success && word.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                Flush();
                clauses.Add(new QueryClause(ClauseKind.Or, "", []));
            }
            else if (excluded || quoted.Success)
            {
                Flush();
                var piece = quoted.Success ? $"\"{quoted.Value}\"" : word;
                clauses.Add(new QueryClause(excluded ? ClauseKind.Excluded : ClauseKind.Phrase, piece, []));
            }
            else if (word.Any(char.IsLetterOrDigit))
            {
                run.Add(word);
            }
        }

        Flush();
        return new ExpandedQuery(clauses, translations);

        // A run of plain words: the longest vocabulary term at each position is one clause, every other word one of its own.
        void Flush()
        {
            for (var at = 0; at < run.Count;)
            {
                var taken = 1;
                IReadOnlyList<string> others = [];
                if (translate)
                {
                    for (var length = Math.Min(vocabulary.LongestTerm, run.Count - at); length >= 1; length--)
                    {
                        others = vocabulary.OthersOf(SearchVocabulary.Normalise(string.Join(' ', run.Skip(at).Take(length))));
                        if (others.Count > 0)
                        {
                            taken = length;
                            break;
                        }
                    }
                }

                var words = string.Join(' ', run.Skip(at).Take(taken));
                var alternatives = new List<string>();
                if (taken == 1 && splitter.Parts(words) is { Count: > 1 } parts)
                {
                    // Every part required, anywhere in the resource.
                    alternatives.Add(string.Join(' ', parts));
                }

                foreach (var other in others.Take(Math.Min(MaxAlternativesPerClause, budget)))
                {
                    alternatives.Add(other.Contains(' ', StringComparison.Ordinal) ? $"\"{other}\"" : other);
                    // Named once, and never a word the text has itself: "also searched" lists only what was added.
                    if (!translations.Contains(other) && !typed.Contains(other))
                    {
                        translations.Add(other);
                    }
                }

                budget -= alternatives.Count;
                clauses.Add(new QueryClause(ClauseKind.Words, words, alternatives));
                at += taken;
            }

            run.Clear();
        }
    }

    // As websearch_to_tsquery reads text: "quoted phrases", -excluded words or phrases, the word or, and other words.
    [GeneratedRegex("""(?<minus>(?<![^\s])-)?(?:"(?<phrase>[^"]*)"?|(?<word>[^\s"]+))""")]
    private static partial Regex Token();
}
