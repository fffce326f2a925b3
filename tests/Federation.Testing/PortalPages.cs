using System.Globalization;
using System.Security;
using System.Text;

namespace Federation.Testing;

/// <summary>
/// Pages of a catalogue in the shapes CKAN with ckanext-dcat serves them: RDF/XML (its default) and Turtle, a
/// dcat:Catalog with its datasets, distributions and DCAT-AP-NL's values (EU authority languages and themes, Creative
/// Commons licences, a contact point by e-mail), paged with Hydra's older vocabulary as ckanext-dcat writes it
/// (hydra:PagedCollection, hydra:nextPage as a literal). Written by hand as those portals print them, not by the
/// federation's own writers, so that the harvest is tested against text it did not produce.
/// </summary>
public static class PortalPages
{
    public static string RdfXml(string pageUrl, IReadOnlyList<SourceDataset> datasets, string? next, int total)
    {
        var xml = new StringBuilder("""
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
              xmlns:dct="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#"
              xmlns:hydra="http://www.w3.org/ns/hydra/core#">

            """);
        xml.Append(CultureInfo.InvariantCulture, $"""
              <hydra:PagedCollection rdf:about="{X(pageUrl)}">
                <hydra:totalItems rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">{total}</hydra:totalItems>
                {(next is null ? "" : $"<hydra:nextPage>{X(next)}</hydra:nextPage>")}
              </hydra:PagedCollection>
              <dcat:Catalog rdf:about="https://data.gemeente.example/catalog">

            """);
        foreach (var dataset in datasets)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                    <dcat:dataset>
                      <dcat:Dataset rdf:about="https://data.gemeente.example/dataset/{X(Uri.EscapeDataString(dataset.Identifier))}">
                        <dct:identifier>{X(dataset.Identifier)}</dct:identifier>
                        <dct:title xml:lang="nl">{X(dataset.Title)}</dct:title>
                        <dct:description xml:lang="nl">{X(dataset.Description)}</dct:description>
                        <dcat:keyword xml:lang="nl">{X(dataset.Keyword)}</dcat:keyword>
                        <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/{X(dataset.Theme)}"/>
                        <dct:language rdf:resource="http://publications.europa.eu/resource/authority/language/NLD"/>
                        <dct:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#dateTime">{X(dataset.Modified)}</dct:modified>
                        <dct:accrualPeriodicity rdf:resource="http://publications.europa.eu/resource/authority/frequency/MONTHLY"/>
                        <dcat:contactPoint><vcard:Organization><vcard:fn>Team Open Data</vcard:fn><vcard:hasEmail rdf:resource="mailto:opendata@gemeente.example"/></vcard:Organization></dcat:contactPoint>
                        <dcat:distribution>
                          <dcat:Distribution rdf:about="https://data.gemeente.example/dataset/{X(Uri.EscapeDataString(dataset.Identifier))}/resource/1">
                            <dct:title>{X(dataset.Title)} (CSV)</dct:title>
                            <dcat:accessURL rdf:resource="https://data.gemeente.example/files/{X(Uri.EscapeDataString(dataset.Identifier))}.csv"/>
                            <dcat:mediaType rdf:resource="https://www.iana.org/assignments/media-types/text/csv"/>
                            <dct:license rdf:resource="{X(dataset.Licence)}"/>
                          </dcat:Distribution>
                        </dcat:distribution>
                      </dcat:Dataset>
                    </dcat:dataset>

                """);
        }

        return xml.Append("  </dcat:Catalog>\n</rdf:RDF>\n").ToString();
    }

    public static string Turtle(string pageUrl, IReadOnlyList<SourceDataset> datasets, string? next, int total)
    {
        var turtle = new StringBuilder("""
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
            @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

            """);
        turtle.Append(CultureInfo.InvariantCulture, $"<{pageUrl}> a hydra:PagedCollection ; hydra:totalItems {total}{(next is null ? "" : $" ; hydra:nextPage \"{next}\"")} .\n\n");
        foreach (var dataset in datasets)
        {
            var iri = $"https://data.gemeente.example/dataset/{Uri.EscapeDataString(dataset.Identifier)}";
            turtle.Append(CultureInfo.InvariantCulture, $"""
                <https://data.gemeente.example/catalog> dcat:dataset <{iri}> .
                <{iri}> a dcat:Dataset ;
                    dct:identifier {T(dataset.Identifier)} ;
                    dct:title {T(dataset.Title)}@nl ;
                    dct:description {T(dataset.Description)}@nl ;
                    dcat:keyword {T(dataset.Keyword)}@nl ;
                    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/{dataset.Theme}> ;
                    dct:language <http://publications.europa.eu/resource/authority/language/NLD> ;
                    dct:modified "{dataset.Modified}"^^xsd:dateTime ;
                    dcat:contactPoint [ a vcard:Organization ; vcard:fn "Team Open Data" ; vcard:hasEmail <mailto:opendata@gemeente.example> ] ;
                    dcat:distribution [ a dcat:Distribution ; dct:title {T(dataset.Title + " (CSV)")} ; dct:format "CSV" ;
                        dcat:accessURL <https://data.gemeente.example/files/{Uri.EscapeDataString(dataset.Identifier)}.csv> ;
                        dct:license <{dataset.Licence}> ] .


                """);
        }

        return turtle.ToString();
    }

    private static string X(string text) => SecurityElement.Escape(text);

    private static string T(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
