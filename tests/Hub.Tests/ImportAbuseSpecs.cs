using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Federation.Hub.Tests;

/// <summary>
/// The import endpoints parse Turtle, JSON-LD and model-card front matter with the project's own readers, so they
/// are fuzzed: thousands of damaged documents, as dry runs. Each is answered 200 (still valid), or refused 400, 413
/// or 415 with problem details; none is a server error, none hangs, and nothing is stored.
/// </summary>
public sealed class ImportAbuseSpecs : StaffHubSpecs
{
    internal const string ModelCard = """
        ---
        license: apache-2.0
        language:
        - en
        - nl
        tags:
        - vision
        pipeline_tag: image-classification
        co2_eq_emissions: 12
        eu_ai_act:
          risk_class: minimal
          intended_purpose: "Sorting tulip bulbs by size."
        model-index:
        - name: bulbs
          results:
          - task:
              type: image-classification
            metrics:
            - type: accuracy
              value: 0.91
        ---

        # Tulip bulb sorter

        Sorts bulbs into five size classes from conveyor images.

        ## Intended uses

        Packing lines in the Bollenstreek.
        """;

    [Theory]
    [InlineData("dcat-ap", "text/turtle", DcatApImportSpecs.Turtle, 1)]
    [InlineData("dcat-ap", "application/ld+json", DcatApImportSpecs.Description, 2)]
    [InlineData("model-card", "text/markdown", ModelCard, 3)]
    [InlineData("dcat-ap", "application/rdf+xml", DcatApImportSpecs.RdfXml, 4)]
    [InlineData("dcat-ap", "application/ld+json", DcatApImportSpecs.CompactJsonLd, 5)]
    public async Task Damaged_documents_are_answered_or_refused_in_words_and_nothing_is_stored(string endpoint, string mediaType, string valid, int seed)
    {
        var path = $"/resources/import/{endpoint}?dryRun=true&accessPolicy=open&publisher=TU%20Delft&licence=CC-BY-4.0";
        var (accepted, refused) = (0, 0);

        foreach (var (name, body) in TextMutations.Of(valid, count: 1_500, seed).Concat(Hostile(mediaType)))
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var response = await Staff.PostAsync(path, content, deadline.Token);
            var status = (int)response.StatusCode;
            if (status == 200)
            {
                accepted++;
                continue;
            }

            Assert.True(status is 400 or 413 or 415, $"{name}: {status} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            refused++;
        }

        Assert.True(refused > 300, $"only {refused} of {accepted + refused} damaged documents were refused: the mutations are too mild to test anything");
        Assert.Equal(0, await Host.CountAsync("hub_resources"));

        // The same endpoint still imports the undamaged document afterwards.
        using var intact = new StringContent(valid, Encoding.UTF8, mediaType);
        var answer = await Staff.PostAsync(path, intact);
        Assert.Equal(200, (int)answer.StatusCode);
    }

    [Fact]
    public async Task A_description_in_a_format_the_hub_does_not_read_is_refused_with_415_or_400()
    {
        foreach (var (endpoint, mediaType) in new[] { ("dcat-ap", "application/pdf"), ("dcat-ap", "text/csv"), ("dcat-ap", "text/plain"), ("model-card", "application/octet-stream") })
        {
            using var content = new StringContent("<rdf:RDF/>", Encoding.UTF8, mediaType);
            using var response = await Staff.PostAsync($"/resources/import/{endpoint}?dryRun=true", content);
            Assert.True((int)response.StatusCode is 400 or 415, $"{endpoint} as {mediaType}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    /// <summary>Documents built to hurt a parser of each format: absurd nesting, reference cycles, long runs.</summary>
    private static IEnumerable<(string Name, byte[] Body)> Hostile(string mediaType)
    {
        IEnumerable<(string, string)> cases = mediaType switch
        {
            "text/turtle" =>
            [
                ("blank nodes 10,000 deep", "@prefix d: <http://purl.org/dc/terms/> . <x> a <http://www.w3.org/ns/dcat#Dataset> ; d:title \"t\" ; d:publisher "
                    + string.Concat(Enumerable.Repeat("[ d:p ", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + " ."),
                ("collection 10,000 deep", "<x> <p> " + new string('(', 10_000) + new string(')', 10_000) + " ."),
                ("unterminated long string", "<x> <p> \"\"\"" + new string('a', 100_000)),
                ("a million semicolons", "<x> <p> \"o\" " + new string(';', 1_000_000) + " ."),
                ("undefined prefix", "<x> a nope:Dataset ."),
                ("bad escape", "<x> <p> \"\\uZZZZ\" ."),
            ],
            "application/rdf+xml" =>
            [
                ("external entity", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:d=\"http://purl.org/dc/terms/\"><rdf:Description rdf:about=\"http://x/\"><d:title>&x;</d:title></rdf:Description></rdf:RDF>"),
                ("entity bomb", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:d=\"http://purl.org/dc/terms/\"><rdf:Description rdf:about=\"http://x/\"><d:title>&g;</d:title></rdf:Description></rdf:RDF>"),
                ("nodes 10,000 deep", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:d=\"http://purl.org/dc/terms/\">" + string.Concat(Enumerable.Repeat("<rdf:Description><d:p>", 10_000)) + string.Concat(Enumerable.Repeat("</d:p></rdf:Description>", 10_000)) + "</rdf:RDF>"),
                ("an element without a namespace", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><Dataset/></rdf:RDF>"),
                ("a relative IRI with no base", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"x\"/></rdf:RDF>"),
                ("not XML at all", "<rdf:RDF"),
            ],
            "application/ld+json" =>
            [
                ("a remote context", "{\"@context\":\"https://example.org/context.jsonld\",\"@type\":\"Dataset\"}"),
                ("a context that defines a term by itself", "{\"@context\":{\"a\":\"a:b\"},\"@type\":\"a:Dataset\"}"),
                ("objects 10,000 deep", "{\"@graph\":[{\"@id\":\"x\",\"@type\":\"dcat:Dataset\",\"dct:publisher\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) + "}]}"),
                ("reference cycle", "{\"@context\":{\"dct\":\"http://purl.org/dc/terms/\",\"dcat\":\"http://www.w3.org/ns/dcat#\"},\"@graph\":[{\"@id\":\"a\",\"@type\":\"dcat:Dataset\",\"dct:title\":\"t\",\"dct:publisher\":{\"@id\":\"b\"}},{\"@id\":\"b\",\"dct:publisher\":{\"@id\":\"a\"},\"dcat:distribution\":{\"@id\":\"b\"}}]}"),
                ("self reference", "{\"@graph\":[{\"@id\":\"a\",\"@type\":\"http://www.w3.org/ns/dcat#Dataset\",\"http://www.w3.org/ns/dcat#distribution\":{\"@id\":\"a\"}}]}"),
                ("a million datasets", "{\"@graph\":[" + string.Join(',', Enumerable.Repeat("{\"@type\":\"http://www.w3.org/ns/dcat#Dataset\"}", 100_000)) + "]}"),
                ("context that is a number", "{\"@context\":5,\"@type\":\"dcat:Dataset\"}"),
                ("an array at the top", "[[[[]]]]"),
            ],
            _ =>
            [
                ("front matter never closed", "---\nlicense: mit\n" + new string('a', 100_000)),
                ("compact lists 10,000 deep", "---\ntags: " + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n---\n# x\n"),
                ("flow lists 10,000 deep", "---\ntags: " + new string('[', 10_000) + new string(']', 10_000) + "\n---\n# x\n"),
                ("indented maps 2,000 deep", "---\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + $"k{i}:\n")) + "---\n# x\n"),
                ("alias bomb", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n# bomb\n"),
                ("tabs and binary", "---\n\tlicense:\t!!binary AAAA\n---\n"),
                ("no front matter", "# Just a heading\n\nAnd text."),
                ("only the separators", "---\n---\n"),
            ],
        };
        return cases.Select(c => (c.Item1, Encoding.UTF8.GetBytes(c.Item2)));
    }
}
