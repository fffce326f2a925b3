namespace Federation.Catalogue.Search.Compounds;

/// <summary>
/// Splits Dutch compounds into the words they are made of, so that "data" finds "Verkeersdata" and "verkeersdata" finds
/// "data over verkeer". A compound is a form that may begin one, any forms that may continue it, and a form that may
/// end it (<see cref="HunspellCompoundParts"/>); of the ways to cut a word that way, the one with the fewest parts wins,
/// then the one with the longest first part.
/// </summary>
public sealed class CompoundSplitter(HunspellCompoundParts parts)
{
    /// <summary>Shorter pieces ("aan", "ei") split too many words that are no compounds at all.</summary>
    public const int ShortestPart = 3;

    private const int LongestWord = 60;

    /// <summary>
    /// The words inside <paramref name="word"/>, empty when it is no compound: each part as its dictionary word
    /// ("verkeers" as "verkeer"), the last part as written (the stemmer reduces its inflection), and for three parts or
    /// more the runs of neighbouring parts ("luchtkwaliteitsmetingen" also holds "luchtkwaliteit").
    /// </summary>
    public IReadOnlyList<string> Split(string word)
    {
        var pieces = PiecesAsWritten(word);
        var words = new List<string>();
        for (var length = 1; length < pieces.Count; length++)
        {
            for (var first = 0; first + length <= pieces.Count; first++)
            {
                var joined = string.Concat(pieces.Skip(first).Take(length - 1)) + Written(pieces, first + length - 1);
                if (!words.Contains(joined))
                {
                    words.Add(joined);
                }
            }
        }

        return words;
    }

    /// <summary>The parts of a compound one by one, as <see cref="Split"/> gives them; empty when it is no compound.</summary>
    public IReadOnlyList<string> Parts(string word)
    {
        var pieces = PiecesAsWritten(word);
        return pieces.Select((_, index) => Written(pieces, index)).Distinct().ToList();
    }

    // A part inside the word keeps its joining form; on its own, it is its dictionary word.
    private string Written(List<string> pieces, int index) => index == pieces.Count - 1 ? pieces[index] : parts.LemmaOf(pieces[index]);

    private List<string> PiecesAsWritten(string word)
    {
        var text = HunspellCompoundParts.Normalise(word);
        if (text.Length < 2 * ShortestPart || text.Length > LongestWord || !text.All(char.IsLetter) || BestCuts(text) is not { } cuts)
        {
            return [];
        }

        var pieces = new List<string>(cuts.Count + 1);
        var start = 0;
        foreach (var cut in cuts.Append(text.Length))
        {
            pieces.Add(text[start..cut]);
            start = cut;
        }

        return pieces;
    }

    // The cut positions of the best split, or null. tail[i] is the fewest parts that make text[i..] out of middle forms
    // and one end form, with the cut after i that achieves it.
    private List<int>? BestCuts(string text)
    {
        var n = text.Length;
        var tail = new (int Parts, int Next)[n + 1];
        for (var i = n - ShortestPart; i >= ShortestPart; i--)
        {
            tail[i] = parts.End.Contains(text[i..]) ? (1, n) : (0, 0);
            for (var next = n - ShortestPart; next >= i + ShortestPart; next--)
            {
                if (tail[next].Parts > 0 && (tail[i].Parts == 0 || tail[next].Parts + 1 < tail[i].Parts) && parts.Middle.Contains(text[i..next]))
                {
                    tail[i] = (tail[next].Parts + 1, next);
                }
            }
        }

        // The first part ends at the furthest cut among those giving the fewest parts.
        var (bestParts, firstCut) = (0, 0);
        for (var cut = n - ShortestPart; cut >= ShortestPart; cut--)
        {
            if (tail[cut].Parts > 0 && (bestParts == 0 || tail[cut].Parts + 1 < bestParts) && parts.Begin.Contains(text[..cut]))
            {
                (bestParts, firstCut) = (tail[cut].Parts + 1, cut);
            }
        }

        if (bestParts == 0)
        {
            return null;
        }

        var cuts = new List<int> { firstCut };
        for (var at = firstCut; tail[at].Next < n; at = tail[at].Next)
        {
            cuts.Add(tail[at].Next);
        }

        return cuts;
    }
}
