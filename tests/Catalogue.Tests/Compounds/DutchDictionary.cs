using Federation.Catalogue.Search.Compounds;

namespace Federation.Catalogue.Tests.Compounds;

/// <summary>The dictionary read once for every spec of this process.</summary>
internal static class DutchDictionary
{
    private static readonly Lazy<HunspellCompoundParts> Loaded = new(() => HunspellCompoundParts.Read("/usr/share/hunspell/nl"));

    public static HunspellCompoundParts Parts => Loaded.Value;
}
