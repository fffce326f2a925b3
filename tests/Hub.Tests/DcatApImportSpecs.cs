using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Importing a dataset from a DCAT-AP description in JSON-LD, Turtle or RDF/XML, as data portals publish them.</summary>
public sealed class DcatApImportSpecs : SpecsOnAFresh<HubHost>
{
    internal const string Description = """
        {
          "@context": {
            "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#", "spdx": "http://spdx.org/rdf/terms#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "title": "dct:title", "keyword": "dcat:keyword"
          },
          "@graph": [
            {
              "@id": "https://data.example.nl/dataset/verkeer-2023", "@type": "dcat:Dataset",
              "title": [{ "@value": "Traffic counts 2023", "@language": "en" }, { "@value": "Verkeerstellingen 2023", "@language": "nl" }],
              "dct:description": { "@value": "Tellingen van fietsers en auto's op 120 punten.", "@language": "nl" },
              "keyword": ["verkeer", "mobiliteit"],
              "dcat:theme": [{ "@id": "http://publications.europa.eu/resource/authority/data-theme/TRAN" }, { "@id": "https://example.org/not-a-theme" }],
              "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/NLD" },
              "dct:publisher": { "@id": "_:gemeente" },
              "dcat:contactPoint": { "@type": "vcard:Kind", "vcard:hasEmail": { "@id": "mailto:open.data@gemeente.example" } },
              "dct:temporal": { "@type": "dct:PeriodOfTime", "dcat:startDate": { "@value": "2023-01-01", "@type": "http://www.w3.org/2001/XMLSchema#date" }, "dcat:endDate": "2023-12-31" },
              "dct:accrualPeriodicity": { "@id": "http://publications.europa.eu/resource/authority/frequency/ANNUAL" },
              "dcat:distribution": { "@id": "https://data.example.nl/dataset/verkeer-2023/csv" }
            },
            { "@id": "_:gemeente", "@type": "foaf:Agent", "foaf:name": "Gemeente Voorbeeld" },
            {
              "@id": "https://data.example.nl/dataset/verkeer-2023/csv", "@type": "dcat:Distribution",
              "dct:title": "Tellingen (CSV)", "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/text/csv" },
              "dcat:byteSize": { "@value": "52000", "@type": "http://www.w3.org/2001/XMLSchema#decimal" },
              "dcat:downloadURL": { "@id": "https://data.example.nl/files/verkeer-2023.csv" },
              "dct:license": { "@id": "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0" },
              "spdx:checksum": { "@type": "spdx:Checksum", "spdx:checksumValue": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }
            }
          ]
        }
        """;

    // The same description in Turtle, using what the syntax offers: prefixes in both spellings, 'a', ';' and ',',
    // blank nodes in brackets and by label, a long string, escapes, a datatype and a comment.
    internal const string Turtle = """"
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        @prefix spdx: <http://spdx.org/rdf/terms#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @base <https://data.example.nl/dataset/> .

        # A dataset of a municipality.
        <verkeer-2023> a dcat:Dataset ;
            dct:title "Traffic counts 2023"@en, "Verkeerstellingen 2023"@nl ;
            dct:description """Tellingen van fietsers en auto's
        op 120 punten."""@nl ;
            dcat:keyword "verkeer", "mobiliteit" ;
            dcat:theme <http://publications.europa.eu/resource/authority/data-theme/TRAN>, <https://example.org/not-a-theme> ;
            dct:language <http://publications.europa.eu/resource/authority/language/NLD> ;
            dct:publisher _:gemeente ;
            dcat:contactPoint [ a vcard:Kind ; vcard:hasEmail <mailto:open.data@gemeente.example> ] ;
            dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2023-01-01"^^xsd:date ; dcat:endDate "2023-12-31" ] ;
            dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> ;
            dcat:distribution <verkeer-2023/csv> ;
        .

        _:gemeente a foaf:Agent ; foaf:name "Gemeente \u0056oorbeeld" .

        <verkeer-2023/csv> a dcat:Distribution ;
            dct:title "Tellingen (CSV)" ;
            dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ;
            dcat:byteSize 52000 ;
            dcat:downloadURL <https://data.example.nl/files/verkeer-2023.csv> ;
            dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> ;
            spdx:checksum [ a spdx:Checksum ; spdx:checksumValue "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ] .
        """";

    // The same description in RDF/XML as CKAN's DCAT endpoints write it: typed node elements, xml:base, rdf:about and
    // rdf:resource, a node nested in a property, rdf:parseType="Resource", rdf:datatype, xml:lang, an entity.
    internal const string RdfXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE rdf:RDF [ <!ENTITY xsd "http://www.w3.org/2001/XMLSchema#"> ]>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
                 xmlns:dct="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#"
                 xmlns:spdx="http://spdx.org/rdf/terms#" xml:base="https://data.example.nl/dataset/">
          <dcat:Dataset rdf:about="verkeer-2023">
            <dct:title xml:lang="en">Traffic counts 2023</dct:title>
            <dct:title xml:lang="nl">Verkeerstellingen 2023</dct:title>
            <dct:description xml:lang="nl">Tellingen van fietsers en auto&apos;s op 120 punten.</dct:description>
            <dcat:keyword>verkeer</dcat:keyword>
            <dcat:keyword>mobiliteit</dcat:keyword>
            <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/TRAN"/>
            <dcat:theme rdf:resource="https://example.org/not-a-theme"/>
            <dct:language rdf:resource="http://publications.europa.eu/resource/authority/language/NLD"/>
            <dct:publisher>
              <foaf:Agent rdf:nodeID="gemeente"><foaf:name>Gemeente Voorbeeld</foaf:name></foaf:Agent>
            </dct:publisher>
            <dcat:contactPoint rdf:parseType="Resource">
              <rdf:type rdf:resource="http://www.w3.org/2006/vcard/ns#Kind"/>
              <vcard:hasEmail rdf:resource="mailto:open.data@gemeente.example"/>
            </dcat:contactPoint>
            <dct:temporal>
              <dct:PeriodOfTime>
                <dcat:startDate rdf:datatype="&xsd;date">2023-01-01</dcat:startDate>
                <dcat:endDate>2023-12-31</dcat:endDate>
              </dct:PeriodOfTime>
            </dct:temporal>
            <dct:accrualPeriodicity rdf:resource="http://publications.europa.eu/resource/authority/frequency/ANNUAL"/>
            <dcat:distribution>
              <dcat:Distribution rdf:about="verkeer-2023/csv" dct:title="Tellingen (CSV)">
                <dcat:mediaType rdf:resource="https://www.iana.org/assignments/media-types/text/csv"/>
                <dcat:byteSize rdf:datatype="&xsd;decimal">52000</dcat:byteSize>
                <dcat:downloadURL rdf:resource="https://data.example.nl/files/verkeer-2023.csv"/>
                <dct:license rdf:resource="https://creativecommons.org/licenses/by/4.0/deed.nl"/>
                <spdx:checksum spdx:checksumValue="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"/>
              </dcat:Distribution>
            </dcat:distribution>
          </dcat:Dataset>
        </rdf:RDF>
        """;

    // The same again in JSON-LD written the 1.1 way: a vocabulary mapping, compact IRIs as @id values, a language map,
    // type coercion in the context and aliases for @id and @type.
    internal const string CompactJsonLd = """
        {
          "@context": {
            "@vocab": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#", "eu": "http://publications.europa.eu/resource/authority/",
            "ex": "https://data.example.nl/", "id": "@id", "type": "@type",
            "title": { "@id": "dct:title", "@container": "@language" },
            "theme": { "@type": "@id" }, "distribution": { "@type": "@id" }, "downloadURL": { "@type": "@id" },
            "byteSize": { "@type": "xsd:decimal" }, "license": { "@id": "dct:license", "@type": "@id" }
          },
          "@graph": [
            {
              "id": "ex:dataset/verkeer-2023", "type": "Dataset",
              "title": { "en": "Traffic counts 2023", "nl": "Verkeerstellingen 2023" },
              "dct:description": { "@value": "Tellingen van fietsers en auto's op 120 punten.", "@language": "nl" },
              "keyword": ["verkeer", "mobiliteit"],
              "theme": ["eu:data-theme/TRAN", "https://example.org/not-a-theme"],
              "dct:language": { "id": "eu:language/NLD" },
              "dct:publisher": { "type": "foaf:Agent", "foaf:name": "Gemeente Voorbeeld" },
              "contactPoint": { "type": "vcard:Kind", "vcard:hasEmail": { "id": "mailto:open.data@gemeente.example" } },
              "dct:temporal": { "type": "dct:PeriodOfTime", "startDate": { "@value": "2023-01-01", "@type": "xsd:date" }, "endDate": "2023-12-31" },
              "dct:accrualPeriodicity": { "id": "eu:frequency/ANNUAL" },
              "distribution": "ex:dataset/verkeer-2023/csv"
            },
            {
              "id": "ex:dataset/verkeer-2023/csv", "type": "Distribution", "dct:title": "Tellingen (CSV)",
              "mediaType": { "id": "https://www.iana.org/assignments/media-types/text/csv" },
              "byteSize": 52000, "downloadURL": "https://data.example.nl/files/verkeer-2023.csv",
              "license": "eu:licence/CC_BY_4_0"
            }
          ]
        }
        """;

    [Theory]
    [InlineData("application/ld+json")]
    [InlineData("text/turtle")]
    [InlineData("application/rdf+xml")]
    [InlineData("application/ld+json; profile=compact")]
    [InlineData("text/plain")]
    public async Task A_DCAT_AP_description_becomes_a_draft_dataset(string mediaType)
    {
        using var staff = await Host.CreateClientAsync("staff");
        var body = mediaType switch
        {
            "text/turtle" => Turtle,
            "application/rdf+xml" => RdfXml,
            "application/ld+json; profile=compact" => CompactJsonLd,
            "text/plain" => RdfXml, // sent without saying what it is: known by its first characters
            _ => Description,
        };

        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType + "; charset=utf-8");
        var response = await staff.PostAsync("/resources/import/dcat-ap?accessPolicy=open", content);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var resource = answer.GetProperty("resource");
        Assert.Equal("Verkeerstellingen 2023", resource.GetProperty("title").GetString());
        Assert.Equal("nl", resource.GetProperty("language").GetString());
        Assert.Equal("CC-BY-4.0", resource.GetProperty("licence").GetString());
        Assert.Equal("Gemeente Voorbeeld", resource.GetProperty("publisher").GetString());
        Assert.Equal("open.data@gemeente.example", resource.GetProperty("contactPoint").GetString());
        Assert.Equal(["TRAN"], resource.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        var dataset = resource.GetProperty("dataset");
        Assert.Equal("2023-01-01", dataset.GetProperty("temporalStart").GetString());
        Assert.Equal("ANNUAL", dataset.GetProperty("updateFrequency").GetString());
        var distribution = dataset.GetProperty("distributions")[0];
        Assert.Equal("text/csv", distribution.GetProperty("mediaType").GetString());
        Assert.Equal(52000, distribution.GetProperty("byteSize").GetInt64());
        Assert.Equal("https://data.example.nl/files/verkeer-2023.csv", distribution.GetProperty("downloadUrl").GetString());
        Assert.Contains(answer.GetProperty("notes").EnumerateArray(), note => note.GetString()!.Contains("not-a-theme", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"@graph\": [] }", "application/ld+json", "body")]
    [InlineData("not json", "application/ld+json", "body")]
    [InlineData("@prefix dcat: <http://www.w3.org/ns/dcat#> . <x> a dcat:Catalog .", "text/turtle", "body")]
    [InlineData("<x> a dcat:Dataset .", "text/turtle", "body")]
    [InlineData("@prefix dcat: <http://www.w3.org/ns/dcat#> . <x> a dcat:Dataset ; <http://purl.org/dc/terms/title> \"open", "text/turtle", "body")]
    [InlineData("@prefix dcat: <http://www.w3.org/ns/dcat#> . <x> a dcat:Dataset", "text/turtle", "body")]
    public async Task A_document_without_exactly_one_readable_dataset_is_refused(string body, string mediaType, string field)
    {
        using var staff = await Host.CreateClientAsync("staff");

        var response = await staff.PostAsync("/resources/import/dcat-ap?accessPolicy=open", new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task Turtle_that_is_not_UTF_8_is_refused()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var bytes = Encoding.UTF8.GetBytes(Turtle).Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var response = await staff.PostAsync("/resources/import/dcat-ap?accessPolicy=open",
            new ByteArrayContent(bytes) { Headers = { ContentType = new("text/turtle") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_description_without_an_access_policy_is_refused_by_field()
    {
        using var staff = await Host.CreateClientAsync("staff");

        var response = await staff.PostAsync("/resources/import/dcat-ap", new StringContent(Description, Encoding.UTF8, "application/ld+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("accessPolicy", out _));
    }
}
