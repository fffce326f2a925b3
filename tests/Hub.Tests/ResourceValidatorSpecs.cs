using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Resources;

namespace Federation.Hub.Tests;

public sealed class ResourceValidatorSpecs
{
    private static ResourceInput Valid => new()
    {
        Kind = "model", Title = "Defect detection for wafers", Licence = "apache-2.0", AccessPolicy = "open",
        Publisher = "ASML", Keywords = ["vision", "Vision", " wafers "], Themes = ["tech"], ContactPoint = "https://example.org/contact",
    };

    [Fact]
    public void A_valid_resource_is_normalised()
    {
        var (content, errors) = ResourceValidator.Validate(Valid);

        Assert.Empty(errors);
        Assert.NotNull(content);
        Assert.Equal(ResourceKind.Model, content.Kind);
        Assert.Equal("Apache-2.0", content.Licence);
        Assert.Equal(["vision", "wafers"], content.Keywords);
        Assert.Equal(["TECH"], content.Themes);
    }

    [Fact]
    public void Every_missing_required_field_is_named()
    {
        var (content, errors) = ResourceValidator.Validate(new ResourceInput());

        Assert.Null(content);
        Assert.Equal(["accessPolicy", "kind", "licence", "publisher", "title"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("robot", "kind")]
    [InlineData("", "kind")]
    public void An_unknown_kind_is_refused(string kind, string field)
    {
        var (_, errors) = ResourceValidator.Validate(Valid with { Kind = kind });
        Assert.Contains(field, errors.Keys);
    }

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("cc0-1.0", true)]
    [InlineData("LicenseRef-brainport-terms", true)]
    [InlineData("GPL", false)]
    [InlineData("free for all", false)]
    [InlineData("LicenseRef-", false)]
    public void The_licence_must_be_an_spdx_id(string licence, bool accepted)
    {
        var (_, errors) = ResourceValidator.Validate(Valid with { Licence = licence });
        Assert.Equal(!accepted, errors.ContainsKey("licence"));
    }

    [Fact]
    public void Sizes_are_bounded_and_the_offending_item_is_named()
    {
        var (_, errors) = ResourceValidator.Validate(Valid with
        {
            Title = new string('t', ResourceValidator.TitleMax + 1),
            Description = new string('d', ResourceValidator.DescriptionMax + 1),
            Keywords = ["ok", new string('k', ResourceValidator.KeywordLengthMax + 1)],
            Themes = ["TECH", "SPACE"],
        });

        Assert.Contains("title", errors.Keys);
        Assert.Contains("description", errors.Keys);
        Assert.Contains("keywords[1]", errors.Keys);
        Assert.Contains("themes[1]", errors.Keys);
    }

    [Fact]
    public void Too_many_keywords_are_refused()
    {
        var (_, errors) = ResourceValidator.Validate(Valid with { Keywords = Enumerable.Range(0, ResourceValidator.KeywordsMax + 1).Select(i => $"k{i}").ToArray() });
        Assert.Contains("keywords", errors.Keys);
    }

    [Theory]
    [InlineData("data@hub.example", true)]
    [InlineData("https://hub.example/contact", true)]
    [InlineData("call us", false)]
    [InlineData("javascript:alert(1)", false)]
    public void The_contact_point_is_an_address(string contact, bool accepted)
    {
        var (_, errors) = ResourceValidator.Validate(Valid with { ContactPoint = contact });
        Assert.Equal(!accepted, errors.ContainsKey("contactPoint"));
    }

    [Fact]
    public void Control_characters_in_text_are_refused()
    {
        var (_, errors) = ResourceValidator.Validate(Valid with { Title = "Bad\u0000title" });
        Assert.Contains("title", errors.Keys);
    }
}
