using Federation.Catalogue.Search.Compounds;

namespace Federation.Catalogue.Tests.Compounds;

/// <summary>The splitter over Debian's Dutch Hunspell dictionary (hunspell-nl, installed by the test script).</summary>
public sealed class CompoundSplitterSpecs
{
    private static readonly CompoundSplitter Splitter = new(DutchDictionary.Parts);

    [Theory]
    [InlineData("Verkeersdata", "verkeer data")]
    [InlineData("satellietbeelden", "satelliet beelden")]
    [InlineData("energieverbruik", "energie verbruik")]
    [InlineData("zonnepanelen", "zonne panelen")]
    [InlineData("luchtkwaliteitsmetingen", "lucht kwaliteit metingen luchtkwaliteit kwaliteitsmetingen")]
    [InlineData("beeldherkenningsmodel", "beeld herkenning model beeldherkenning herkenningsmodel")]
    [InlineData("satellietfoto", "satelliet foto")]
    [InlineData("zorgdata", "zorg data")]
    public void A_compound_gives_its_parts_and_runs_of_parts(string compound, string expected)
    {
        Assert.Equal(expected.Split(' '), Splitter.Split(compound));
    }

    [Theory]
    [InlineData("bestaan")]
    [InlineData("verkeerd")]
    [InlineData("model")]
    [InlineData("data")]
    [InlineData("amsterdam")]
    [InlineData("h100")]
    public void A_word_that_is_no_compound_gives_nothing(string word)
    {
        Assert.Empty(Splitter.Split(word));
    }
}
