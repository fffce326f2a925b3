using Federation.Catalogue.Search.Compounds;
using Federation.Catalogue.Search.Expansion;
using Federation.Catalogue.Search.Vocabulary;

namespace Federation.Catalogue.Tests.Compounds;

/// <summary>How a search text is taken apart and widened, as web-search syntax reads it (no database).</summary>
public sealed class QueryExpansionSpecs
{
    private static readonly QueryExpansion Expansion = new(
        new CompoundSplitter(DutchDictionary.Parts),
        SearchVocabulary.Parse("""
            # test vocabulary
            data-kind	satellietbeeld | satellietbeelden	satellite image | satellite imagery
            general	gegevens | data	data
            ai-method	voorspellend onderhoud	predictive maintenance
            """));

    [Fact]
    public void A_compound_also_matches_its_parts_and_a_term_its_translations()
    {
        var expanded = Expansion.Expand("satellietbeelden", translate: true);

        var clause = Assert.Single(expanded.Clauses);
        Assert.Equal(ClauseKind.Words, clause.Kind);
        Assert.Equal(["satelliet beelden", "satellietbeeld", "\"satellite image\"", "\"satellite imagery\""], clause.Alternatives);
        Assert.Equal(["satellietbeeld", "satellite image", "satellite imagery"], expanded.Translations);
    }

    [Fact]
    public void Without_translations_only_the_parts_widen_it()
    {
        var expanded = Expansion.Expand("satellietbeelden", translate: false);

        Assert.Equal(["satelliet beelden"], Assert.Single(expanded.Clauses).Alternatives);
        Assert.Empty(expanded.Translations);
    }

    [Fact]
    public void A_run_of_words_that_is_a_term_is_translated_as_one_phrase()
    {
        var clause = Assert.Single(Expansion.Expand("voorspellend onderhoud", translate: true).Clauses);

        Assert.Equal("voorspellend onderhoud", clause.Text);
        Assert.Equal(["\"predictive maintenance\""], clause.Alternatives);
    }

    [Fact]
    public void Phrases_exclusions_and_or_are_kept_as_typed()
    {
        var clauses = Expansion.Expand("satellietbeelden or \"zonne energie\" -wind \"open end", translate: true).Clauses;

        Assert.Equal([ClauseKind.Words, ClauseKind.Or, ClauseKind.Phrase, ClauseKind.Excluded, ClauseKind.Phrase], clauses.Select(c => c.Kind));
        Assert.Equal(["satellietbeelden", "", "\"zonne energie\"", "wind", "\"open end\""], clauses.Select(c => c.Text));
        Assert.All(clauses.Skip(1), clause => Assert.Empty(clause.Alternatives));
    }

    [Fact]
    public void Also_searched_never_names_a_word_typed()
    {
        var expanded = Expansion.Expand("data gegevens", translate: true);

        Assert.Empty(expanded.Translations);
    }
}
