using Federation.Hub.Resources.Import;

namespace Federation.Hub.Tests;

/// <summary>
/// Model cards in the shape of Hugging Face's official template, whose uses nest as "###" under "## Uses": every
/// section lands in its own field, none swallowed by its parent, and the template's placeholders are not content.
/// </summary>
public sealed class ModelCardSectionSpecs
{
    private const string TemplateCard = """
        ---
        license: apache-2.0
        language: nl
        tags: [vision, landbouw]
        pipeline_tag: image-classification
        ---

        # Tulpenziekte-detector

        Herkent het tulpenvirus (TBV) op drone-opnamen van bollenvelden.

        ## Model Details

        ### Model Description

        Een ResNet-50, bijgetraind op 40.000 luchtfoto's.

        - **Developed by:** AI-hub Zuid-Holland
        - **Model type:** beeldclassificatie

        ## Uses

        ### Direct Use

        Vroege opsporing van zieke planten door telers en keuringsdiensten.

        ### Downstream Use [optional]

        [More Information Needed]

        ### Out-of-Scope Use

        Niet voor andere gewassen dan tulpen, en niet voor beslissingen over vernietiging zonder keuring ter plaatse.

        ## Bias, Risks, and Limitations

        Minder betrouwbaar bij bewolking en in de schemering.

        ### Recommendations

        Laat twijfelgevallen door een keurmeester beoordelen.

        ## How to Get Started with the Model

        ```python
        # ## Not a heading: inside a code block
        model = load("tulpen")
        ```
        """;

    [Fact]
    public void Each_section_of_the_official_template_lands_in_its_own_field()
    {
        var card = ModelCardReader.Read(TemplateCard, "AI-hub Zuid-Holland", "open").Input;

        Assert.Equal("Tulpenziekte-detector", card.Title);
        Assert.Equal("Herkent het tulpenvirus (TBV) op drone-opnamen van bollenvelden.", card.Summary);
        Assert.Equal("Vroege opsporing van zieke planten door telers en keuringsdiensten.", card.Model!.IntendedUse);
        Assert.Equal("Niet voor andere gewassen dan tulpen, en niet voor beslissingen over vernietiging zonder keuring ter plaatse.", card.Model.OutOfScopeUse);
        Assert.Contains("Minder betrouwbaar bij bewolking", card.Model.Limitations, StringComparison.Ordinal);
        Assert.Contains("Laat twijfelgevallen door een keurmeester beoordelen.", card.Model.Limitations, StringComparison.Ordinal);
        Assert.DoesNotContain("More Information Needed", card.Model.IntendedUse, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_inside_a_code_block_is_no_section_and_older_cards_still_read()
    {
        var sections = ModelCardSections.Read("# Model\n\nSamenvatting.\n\n```\n## Uses\nniets\n```\n\n## Intended uses\n\nVoor onderzoek.\n\n## Limitations\n\nKlein.\n");

        Assert.False(sections.Has("Uses"));
        Assert.Equal("Voor onderzoek.", sections.Find(whole: true, "intended uses"));
        var card = ModelCardReader.Read("# Model\n\nSamenvatting.\n\n## Intended uses\n\nVoor onderzoek.\n\n## Limitations\n\nKlein.\n", null, null).Input;
        Assert.Equal(("Voor onderzoek.", "Klein."), (card.Model!.IntendedUse, card.Model.Limitations));
    }
}
