namespace Federation.Catalogue.Tests;

/// <summary>Without its Dutch dictionary the catalogue does not start, and says what is missing and how to get it.</summary>
public sealed class DictionaryStartSpecs
{
    [Fact]
    public async Task A_catalogue_without_the_dutch_dictionary_refuses_to_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CatalogueHost.StartAsync(
            new Dictionary<string, string> { ["Search:Dictionary"] = "/nonexistent/hunspell/nl" }));

        var message = failure.ToString();
        Assert.Contains("/nonexistent/hunspell/nl.dic", message);
        Assert.Contains("hunspell-nl", message);
    }
}
