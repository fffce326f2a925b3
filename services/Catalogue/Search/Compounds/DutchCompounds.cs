using System.Collections.Concurrent;

namespace Federation.Catalogue.Search.Compounds;

/// <summary>
/// One splitter per dictionary for the whole process: reading the dictionary takes about a second, and a test process
/// starts many catalogues on the same files.
/// </summary>
public static class DutchCompounds
{
    private static readonly ConcurrentDictionary<string, Lazy<CompoundSplitter>> Splitters = new(StringComparer.Ordinal);

    public static CompoundSplitter Of(string dictionary) =>
        Splitters.GetOrAdd(dictionary, path => new Lazy<CompoundSplitter>(() => new CompoundSplitter(HunspellCompoundParts.Read(path)))).Value;
}
