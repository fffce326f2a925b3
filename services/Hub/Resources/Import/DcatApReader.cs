using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;
using System.Globalization;
using System.Text.Json;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// Reads one dcat:Dataset of a DCAT-AP description (JSON-LD) into a dataset as staff would have typed it: titles,
/// descriptions, keywords, EU data themes, publisher, contact point, language, coverage, frequency, distributions with
/// their licence, media type, size and checksum, and the simple fields of the registry (<see cref="DatasetTextFields"/>)
/// that have a DCAT-AP property. Anything unreadable is named in the notes, never silently dropped.
/// </summary>
public static class DcatApReader
{
    private const string Dcat = "http://www.w3.org/ns/dcat#";
    private const string Dct = "http://purl.org/dc/terms/";
    private const string Authority = "http://publications.europa.eu/resource/authority/";

    private static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>
    {
        ["NLD"] = "nl", ["ENG"] = "en", ["DEU"] = "de", ["FRA"] = "fr", ["SPA"] = "es", ["ITA"] = "it", ["FRY"] = "fy",
    };

    // Licences of the EU authority table that have an SPDX id.
    private static readonly IReadOnlyDictionary<string, string> EuLicences = new Dictionary<string, string>
    {
        ["CC_BY_4_0"] = "CC-BY-4.0", ["CC_BYSA_4_0"] = "CC-BY-SA-4.0", ["CC0"] = "CC0-1.0", ["CC_BYNC_4_0"] = "CC-BY-NC-4.0",
        ["ODC_BY"] = "ODC-By-1.0", ["ODBL"] = "ODbL-1.0", ["PDDL"] = "PDDL-1.0", ["EUPL_1_2"] = "EUPL-1.2",
    };

    public static (ResourceInput? Input, IReadOnlyList<string> Notes, string? Problem) Read(JsonElement document, string? accessPolicy)
    {
        var graph = JsonLdGraph.Read(document);
        var datasets = graph.Nodes.Where(node => graph.TypesOf(node).Contains(Dcat + "Dataset")).ToList();
        if (datasets.Count != 1)
        {
            return (null, [], $"Send the description of one dcat:Dataset; this document has {datasets.Count}.");
        }

        var notes = new List<string>();
        var dataset = datasets[0];
        var language = graph.Values(dataset, Dct + "language").Select(JsonLdGraph.Text).Select(iri => Last(iri)).FirstOrDefault(code => code is not null && Languages.ContainsKey(code));
        var languageCode = language is null ? null : Languages[language];
        var distributions = graph.Values(dataset, Dcat + "distribution").ToList();
        var licences = distributions.SelectMany(d => graph.Values(d, Dct + "license")).Select(l => Licence(JsonLdGraph.Text(l))).Distinct().ToList();
        if (licences.Count > 1)
        {
            notes.Add($"The distributions have different licences ({string.Join(", ", licences)}); the first was taken for the dataset.");
        }

        var themes = new List<string?>();
        foreach (var theme in graph.Values(dataset, Dcat + "theme").Select(JsonLdGraph.Text))
        {
            if (theme?.StartsWith(Authority + "data-theme/", StringComparison.Ordinal) == true)
            {
                themes.Add(Last(theme));
            }
            else
            {
                notes.Add($"Theme '{theme}' is not an EU data theme and was left out.");
            }
        }

        var temporal = graph.Values(dataset, Dct + "temporal").FirstOrDefault();
        var period = temporal.ValueKind == JsonValueKind.Object ? temporal : default;
        var input = new ResourceInput
        {
            Kind = "dataset",
            Title = Pick(graph, dataset, Dct + "title", languageCode),
            Description = Pick(graph, dataset, Dct + "description", languageCode),
            Keywords = [.. graph.Values(dataset, Dcat + "keyword").Select(JsonLdGraph.Text).Take(30)],
            Themes = themes,
            Publisher = graph.Values(dataset, Dct + "publisher").Select(agent => graph.Values(agent, "http://xmlns.com/foaf/0.1/name").Select(JsonLdGraph.Text).FirstOrDefault()).FirstOrDefault(),
            ContactPoint = Contact(graph, dataset),
            Language = languageCode,
            Licence = licences.FirstOrDefault(),
            AccessPolicy = accessPolicy,
            Dataset = WithRegistryFields(graph, dataset, new DatasetInput(
                Date(period.ValueKind == JsonValueKind.Object ? graph.Values(period, Dcat + "startDate").Select(JsonLdGraph.Text).FirstOrDefault() : null),
                Date(period.ValueKind == JsonValueKind.Object ? graph.Values(period, Dcat + "endDate").Select(JsonLdGraph.Text).FirstOrDefault() : null),
                graph.Values(dataset, Dct + "spatial").Select(s => graph.Values(s, "http://www.w3.org/2004/02/skos/core#prefLabel").Select(JsonLdGraph.Text).FirstOrDefault() ?? JsonLdGraph.Text(s)).FirstOrDefault(),
                Last(graph.Values(dataset, Dct + "accrualPeriodicity").Select(JsonLdGraph.Text).FirstOrDefault()),
                [.. distributions.Select(d => Distribution(graph, d))],
                graph.Values(dataset, "http://data.europa.eu/r5r/applicableLegislation").Any(l => JsonLdGraph.Text(l)?.Contains("2016/679", StringComparison.Ordinal) == true),
                null, null, null)),
        };
        if (input.Dataset!.ContainsPersonalData == true)
        {
            notes.Add("The GDPR applies to this dataset: choose its legal basis (dataset.legalBasis) before publishing.");
        }

        return (input, notes, null);
    }

    /// <summary>The registry's simple fields that DCAT-AP has a property for, read back as the export writes them.</summary>
    private static DatasetInput WithRegistryFields(JsonLdGraph graph, JsonElement dataset, DatasetInput input) =>
        DatasetTextFields.All.Where(field => field.DcatProperty is not null).Aggregate(input, (read, field) =>
            field.Input.With(read, graph.Values(dataset, field.DcatProperty!).Select(JsonLdGraph.Text).FirstOrDefault()));

    private static DistributionInput Distribution(JsonLdGraph graph, JsonElement node)
    {
        string? First(string property) => graph.Values(node, property).Select(JsonLdGraph.Text).FirstOrDefault();
        var mediaType = First(Dcat + "mediaType");
        var checksum = graph.Values(node, "http://spdx.org/rdf/terms#checksum")
            .Select(c => graph.Values(c, "http://spdx.org/rdf/terms#checksumValue").Select(JsonLdGraph.Text).FirstOrDefault()).FirstOrDefault();
        return new DistributionInput(
            First(Dct + "title") ?? "Distribution",
            mediaType?.Contains("/media-types/", StringComparison.Ordinal) == true ? mediaType[(mediaType.IndexOf("/media-types/", StringComparison.Ordinal) + 13)..] : mediaType,
            Last(First(Dct + "format")),
            long.TryParse(First(Dcat + "byteSize"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null,
            checksum,
            null,
            First(Dcat + "downloadURL") ?? First(Dcat + "accessURL"));
    }

    private static string? Pick(JsonLdGraph graph, JsonElement node, string property, string? language)
    {
        var values = graph.Values(node, property).ToList();
        return JsonLdGraph.Text(values.FirstOrDefault(v => JsonLdGraph.Language(v) == language).ValueKind != JsonValueKind.Undefined
            ? values.First(v => JsonLdGraph.Language(v) == language)
            : values.FirstOrDefault());
    }

    private static string? Contact(JsonLdGraph graph, JsonElement dataset)
    {
        foreach (var kind in graph.Values(dataset, Dcat + "contactPoint"))
        {
            var email = graph.Values(kind, "http://www.w3.org/2006/vcard/ns#hasEmail").Select(JsonLdGraph.Text).FirstOrDefault();
            if (email is not null)
            {
                return email.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? email[7..] : email;
            }

            var url = graph.Values(kind, "http://www.w3.org/2006/vcard/ns#hasURL").Select(JsonLdGraph.Text).FirstOrDefault();
            if (url is not null)
            {
                return url;
            }
        }

        return null;
    }

    private static string? Licence(string? iri) =>
        iri is null ? null
        : iri.StartsWith("https://spdx.org/licenses/", StringComparison.Ordinal) || iri.StartsWith("http://spdx.org/licenses/", StringComparison.Ordinal)
            ? Last(iri)?.Replace(".html", "", StringComparison.Ordinal)
        : iri.StartsWith(Authority + "licence/", StringComparison.Ordinal) && EuLicences.TryGetValue(Last(iri)!, out var spdx) ? spdx
        : iri;

    private static DateOnly? Date(string? text) =>
        text is not null && DateOnly.TryParse(text.Length >= 10 ? text[..10] : text, CultureInfo.InvariantCulture, out var date) ? date : null;

    private static string? Last(string? iri) => iri?.TrimEnd('/').Split('/', '#')[^1];
}
