using System.Text.RegularExpressions;

namespace Federation.Catalogue.Search.Compounds;

/// <summary>
/// The word forms a Hunspell dictionary allows at the start, in the middle and at the end of a compound, read from
/// its affix and word files (OpenTaal's Dutch dictionary, Debian's <c>hunspell-nl</c>).
/// </summary>
/// <remarks>
/// OpenTaal marks which words may begin, continue or end a compound with the flags named by COMPOUNDBEGIN,
/// COMPOUNDMIDDLE and COMPOUNDEND, and gives the joining forms through suffixes whose continuation flags carry those
/// flags: "verkeer" with the suffix that adds the linking s yields "verkeers", which may begin a compound. PostgreSQL's
/// Ispell template ignores flags that arrive through a suffix, so it cannot split "verkeersdata"; reading the flags
/// here can. An end part may also be inflected ("satellietbeelden"): every suffixed form of a word that may end a
/// compound may end one too. Forms are kept lower case, with the ligature ĳ written as i + j, as people type it.
/// </remarks>
public sealed class HunspellCompoundParts
{
    private HunspellCompoundParts(HashSet<string> begin, HashSet<string> middle, HashSet<string> end, Dictionary<string, string> lemmas)
    {
        Begin = begin;
        Middle = middle;
        End = end;
        this.lemmas = lemmas;
    }

    private readonly Dictionary<string, string> lemmas;

    public IReadOnlySet<string> Begin { get; }

    public IReadOnlySet<string> Middle { get; }

    public IReadOnlySet<string> End { get; }

    /// <summary>The dictionary word a joining form was made from ("verkeers" → "verkeer"); the form itself otherwise.</summary>
    public string LemmaOf(string form) => lemmas.GetValueOrDefault(form, form);

    /// <summary>No compound parts at all: a splitter over these splits nothing.</summary>
    public static HunspellCompoundParts None { get; } = new([], [], [], []);

    /// <summary>Reads <c>{path}.aff</c> and <c>{path}.dic</c>.</summary>
    public static HunspellCompoundParts Read(string path)
    {
        var affix = Affixes.Read(File.ReadLines(path + ".aff"));
        var begin = new HashSet<string>(StringComparer.Ordinal);
        var middle = new HashSet<string>(StringComparer.Ordinal);
        var end = new HashSet<string>(StringComparer.Ordinal);
        var lemmas = new Dictionary<string, string>(StringComparer.Ordinal);
        // The first line of a word file is its count of entries.
        foreach (var line in File.ReadLines(path + ".dic").Skip(1))
        {
            if (Entry(line, affix) is not var (word, flags))
            {
                continue;
            }

            var endsCompounds = affix.Has(flags, affix.EndFlag);
            Place(word, flags, word);
            foreach (var (form, continuation) in affix.SuffixedForms(word, flags))
            {
                Place(form, continuation, word);
                if (endsCompounds && !affix.Has(continuation, affix.OnlyInCompoundFlag))
                {
                    end.Add(form);
                }
            }
        }

        // A dictionary without compound flags (another language's, or a damaged file) would split nothing, silently.
        if (begin.Count == 0 || end.Count == 0)
        {
            throw new InvalidDataException(
                $"The Hunspell dictionary {path} marks no words that begin or end compounds (COMPOUNDBEGIN and COMPOUNDEND flags): it cannot split Dutch compounds. Use OpenTaal's Dutch dictionary (package hunspell-nl).");
        }

        return new HunspellCompoundParts(begin, middle, end, lemmas);

        void Place(string form, IReadOnlyList<string> flags, string lemma)
        {
            var placed = false;
            if (affix.Has(flags, affix.BeginFlag))
            {
                placed |= begin.Add(form);
            }

            if (affix.Has(flags, affix.MiddleFlag))
            {
                placed |= middle.Add(form);
            }

            if (affix.Has(flags, affix.EndFlag))
            {
                end.Add(form);
            }

            if (placed && form != lemma)
            {
                lemmas.TryAdd(form, lemma);
            }
        }
    }

    // "word/flags" (a slash in a word is escaped as \/, and such abbreviations never join compounds), possibly followed
    // by morphological fields after white space.
    private static (string Word, IReadOnlyList<string> Flags)? Entry(string line, Affixes affix)
    {
        var text = line.Split([' ', '\t'], 2)[0];
        if (text.Length == 0 || text.Contains("\\/", StringComparison.Ordinal))
        {
            return null;
        }

        var slash = text.IndexOf('/');
        var word = Normalise(slash < 0 ? text : text[..slash]);
        var flags = slash < 0 ? "" : text[(slash + 1)..];
        return (word, affix.SplitFlags(flags));
    }

    /// <summary>Lower case, with the Dutch ligature ĳ as the two letters people type.</summary>
    public static string Normalise(string word) => word.ToLowerInvariant().Replace("ĳ", "ij", StringComparison.Ordinal);

    /// <summary>The affix file's compound flags and suffix rules (prefixes play no part in finding compound parts).</summary>
    private sealed class Affixes
    {
        private readonly Dictionary<string, List<Suffix>> suffixes = new(StringComparer.Ordinal);

        public string BeginFlag { get; private set; } = "";

        public string MiddleFlag { get; private set; } = "";

        public string EndFlag { get; private set; } = "";

        private readonly Dictionary<string, Regex> conditions = new(StringComparer.Ordinal);

        private bool longFlags;

        /// <summary>Marks a form that exists only inside compounds, such as a joining form with its linking s.</summary>
        public string OnlyInCompoundFlag { get; private set; } = "";

        public bool Has(IReadOnlyList<string> flags, string flag) => flag.Length > 0 && flags.Contains(flag);

        public IReadOnlyList<string> SplitFlags(string flags) =>
            longFlags ? Enumerable.Range(0, flags.Length / 2).Select(i => flags.Substring(i * 2, 2)).ToList()
                : flags.Select(c => c.ToString()).ToList();

        public IEnumerable<(string Form, IReadOnlyList<string> Continuation)> SuffixedForms(string word, IReadOnlyList<string> flags)
        {
            foreach (var flag in flags)
            {
                if (!suffixes.TryGetValue(flag, out var rules))
                {
                    continue;
                }

                foreach (var rule in rules)
                {
                    if (word.EndsWith(rule.Strip, StringComparison.Ordinal) && rule.Condition.IsMatch(word))
                    {
                        yield return (word[..^rule.Strip.Length] + rule.Add, rule.Continuation);
                    }
                }
            }
        }

        public static Affixes Read(IEnumerable<string> lines)
        {
            var affixes = new Affixes();
            foreach (var raw in lines)
            {
                var fields = raw.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                switch (fields)
                {
                    case ["FLAG", "long", ..]:
                        affixes.longFlags = true;
                        break;
                    case ["COMPOUNDBEGIN", var flag, ..]:
                        affixes.BeginFlag = flag;
                        break;
                    case ["COMPOUNDMIDDLE", var flag, ..]:
                        affixes.MiddleFlag = flag;
                        break;
                    case ["ONLYINCOMPOUND", var flag, ..]:
                        affixes.OnlyInCompoundFlag = flag;
                        break;
                    case ["COMPOUNDEND", var flag, ..]:
                        affixes.EndFlag = flag;
                        break;
                    // A rule has four fields after SFX (flag, strip, add[/flags], condition); the block's header has three.
                    case ["SFX", var flag, var strip, var add, var condition, ..]:
                        var slash = add.IndexOf('/');
                        var text = slash < 0 ? add : add[..slash];
                        // Forms with a hyphen are the hyphenated spelling of a joint, which the text parser splits anyway.
                        if (text.Contains('-', StringComparison.Ordinal))
                        {
                            break;
                        }

                        var suffix = new Suffix(
                            strip == "0" ? "" : Normalise(strip), text == "0" ? "" : Normalise(text),
                            slash < 0 ? [] : affixes.SplitFlags(add[(slash + 1)..]), affixes.ConditionOf(condition));
                        if (!affixes.suffixes.TryGetValue(flag, out var rules))
                        {
                            affixes.suffixes[flag] = rules = [];
                        }

                        rules.Add(suffix);
                        break;
                }
            }

            return affixes;
        }

        // A Hunspell condition is a tiny pattern (letters, '.', [set], [^set]) that the end of the word must match.
        private Regex ConditionOf(string condition) =>
            conditions.TryGetValue(condition, out var cached) ? cached
                : conditions[condition] = new Regex(
                    (condition == "." ? "" : Regex.Replace(Normalise(condition), @"\[\^?[^\]]*\]|.", m => m.Value.Length > 1 || m.Value == "." ? m.Value : Regex.Escape(m.Value))) + "$",
                    RegexOptions.CultureInvariant);

        private sealed record Suffix(string Strip, string Add, IReadOnlyList<string> Continuation, Regex Condition);
    }
}
