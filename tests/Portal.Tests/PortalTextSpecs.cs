using System.Text.RegularExpressions;
using Federation.Contracts.Metadata;
using Federation.Portal.Discover;
using Federation.Portal.Language;
using Federation.Testing;

namespace Federation.Portal.Tests;

/// <summary>Every text the portal shows exists in Dutch and in English.</summary>
public sealed partial class PortalTextSpecs
{
    [Fact]
    public void Every_key_the_pages_name_has_a_text()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(LocalInfrastructure.RepositoryRoot, "services", "Portal"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var named = sources.SelectMany(f => StaticKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value)).Distinct().ToList();

        Assert.True(named.Count > 100, $"only {named.Count} keys were found in the portal's sources");
        Assert.DoesNotContain(named, key => !PortalText.Has(key));
    }

    [Fact]
    public void Every_value_of_the_vocabularies_the_pages_translate_has_a_text()
    {
        var keys = SearchQuery.Dimensions.Select(d => $"dimension.{d}")
            .Concat(new[] { "dataset", "model", "expertise" }.Select(k => $"kind.{k}"))
            .Concat(new[] { "open", "federation", "approval", "hub" }.SelectMany(p => new[] { $"access.{p}.short", $"access.{p}.long" }))
            .Concat(Vocabularies.AiActRiskClasses.SelectMany(r => new[] { $"risk.{r}", $"risk.{r}.means" }))
            .Concat(Vocabularies.ProviderKinds.Select(p => $"provider.{p}"))
            .Concat(Vocabularies.Availabilities.Select(a => $"availability.{a}"))
            .Concat(Vocabularies.Sectors.Keys.Select(s => $"sector.{s}"))
            .Concat(new[] { "in-sync", "catching-up", "resyncing", "offline" }.Select(s => $"hubState.{s}"))
            .Concat(new[] { "withdrawn", "missing", "wrong-kind", "elsewhere" }.Select(s => $"lineage.{s}"))
            .Concat(new[] { "relevance", "modified" }.Select(s => $"sort.{s}"))
            .Concat(new[] { "yes", "no" }.Select(a => $"answer.{a}"));

        Assert.DoesNotContain(keys, key => !PortalText.Has(key));
    }

    [Fact]
    public void No_text_is_empty_in_either_language()
    {
        var text = new PortalText();
        foreach (var culture in new[] { "nl", "en" })
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            Assert.DoesNotContain(PortalText.Keys, key => string.IsNullOrWhiteSpace(text[key]));
        }
    }

    [Fact]
    public void Every_field_of_the_dataset_registry_has_a_label_in_both_languages()
    {
        Assert.All(DatasetTextFields.All, field => Assert.False(string.IsNullOrWhiteSpace(field.Label.Nl) || string.IsNullOrWhiteSpace(field.Label.En), field.Name));
        Assert.Equal(DatasetTextFields.All.Count, DatasetTextFields.All.Select(field => field.Label.En).Distinct().Count());
    }

    [GeneratedRegex("""T(?:\.Format\(|\[)"(?<key>[a-zA-Z][\w.-]*)"[\],]""")]
    private static partial Regex StaticKey();
}
