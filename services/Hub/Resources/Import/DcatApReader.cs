using System.Globalization;
using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;
using Federation.Rdf;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// Reads the dcat:Datasets of a DCAT-AP description (any RDF syntax, as a graph) into datasets as staff would have
/// typed them: titles, descriptions, keywords, EU data themes, publisher, contact point, language, coverage,
/// frequency, distributions with their licence, media type, size and checksum, and the simple fields of the registry
/// (<see cref="DatasetTextFields"/>) that have a DCAT-AP property. DCAT-AP-NL's spellings are read too (Creative
/// Commons licence pages, languages by ISO 639 code). Anything unreadable is named in the notes, never silently dropped.
/// </summary>
public static class DcatApReader
{
    private const string Authority = "http://publications.europa.eu/resource/authority/";

    private static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["NLD"] = "nl", ["ENG"] = "en", ["DEU"] = "de", ["FRA"] = "fr", ["SPA"] = "es", ["ITA"] = "it", ["FRY"] = "fy",
        ["NL"] = "nl", ["EN"] = "en", ["DE"] = "de", ["FR"] = "fr", ["ES"] = "es", ["IT"] = "it", ["FY"] = "fy",
    };

    // Licences of the EU authority table that have an SPDX id.
    private static readonly IReadOnlyDictionary<string, string> EuLicences = new Dictionary<string, string>
    {
        ["CC_BY_4_0"] = "CC-BY-4.0", ["CC_BYSA_4_0"] = "CC-BY-SA-4.0", ["CC0"] = "CC0-1.0", ["CC_BYNC_4_0"] = "CC-BY-NC-4.0",
        ["ODC_BY"] = "ODC-By-1.0", ["ODBL"] = "ODbL-1.0", ["PDDL"] = "PDDL-1.0", ["EUPL_1_2"] = "EUPL-1.2",
    };

    /// <summary>The one dcat:Dataset of a description, for an import by hand.</summary>
    public static (ResourceInput? Input, IReadOnlyList<string> Notes, string? Problem) Read(RdfGraph graph, string? accessPolicy)
    {
        var datasets = Datasets(graph);
        if (datasets.Count != 1)
        {
            return (null, [], $"Send the description of one dcat:Dataset; this document has {datasets.Count}.");
        }

        var read = ReadDataset(graph, datasets[0], accessPolicy);
        return (read.Input, read.Notes, null);
    }

    /// <summary>The nodes typed dcat:Dataset, in document order.</summary>
    public static IReadOnlyList<RdfTerm> Datasets(RdfGraph graph) => [.. graph.OfType(Vocab.Dcat + "Dataset")];

    /// <summary>
    /// The key that names a dataset at its source: its dct:identifier, else its IRI; null for a blank node without
    /// one (such a dataset cannot be followed from one harvest to the next).
    /// </summary>
    public static string? SourceIdentifier(RdfGraph graph, RdfTerm dataset) =>
        graph.Objects(dataset, Vocab.Dct + "identifier").OfType<RdfLiteral>().Select(l => l.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? (dataset as RdfIri)?.Value;

    public static DcatApDataset ReadDataset(RdfGraph graph, RdfTerm dataset, string? accessPolicy)
    {
        var notes = new List<string>();
        var languageCode = graph.Objects(dataset, Vocab.Dct + "language").Select(LanguageCode).FirstOrDefault(code => code is not null);
        var distributions = graph.Objects(dataset, Vocab.Dcat + "distribution").ToList();
        var licences = graph.Objects(dataset, Vocab.Dct + "license")
            .Concat(distributions.SelectMany(d => graph.Objects(d, Vocab.Dct + "license")))
            .Select(l => Licence(graph, l)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (licences.Count > 1)
        {
            notes.Add($"The dataset and its distributions name different licences ({string.Join(", ", licences)}); the first was taken for the dataset.");
        }

        var themes = new List<string?>();
        foreach (var theme in graph.Objects(dataset, Vocab.Dcat + "theme").Select(RdfGraph.Text))
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

        var period = graph.Objects(dataset, Vocab.Dct + "temporal").FirstOrDefault();
        var identifier = SourceIdentifier(graph, dataset);
        var input = new ResourceInput
        {
            Kind = "dataset",
            Identifier = identifier is { Length: <= ResourceValidator.IdentifierMax } ? identifier : null,
            Title = Pick(graph, dataset, Vocab.Dct + "title", languageCode),
            Description = Pick(graph, dataset, Vocab.Dct + "description", languageCode),
            Keywords = [.. graph.Objects(dataset, Vocab.Dcat + "keyword").Where(k => k is not RdfLiteral { Language: { } l } || languageCode is null || l.StartsWith(languageCode, StringComparison.Ordinal))
                .Select(RdfGraph.Text).OfType<string>().Distinct().Order(StringComparer.Ordinal).Take(30)],
            Themes = [.. themes.Distinct().Order(StringComparer.Ordinal)],
            Publisher = graph.Objects(dataset, Vocab.Dct + "publisher").Select(agent => Pick(graph, agent, Vocab.Foaf + "name", languageCode))
                .OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault(),
            ContactPoint = Contact(graph, dataset),
            Language = languageCode,
            Licence = licences.FirstOrDefault(),
            AccessPolicy = accessPolicy,
            Dataset = WithRegistryFields(graph, dataset, new DatasetInput(
                Date(period is null ? null : graph.First(period, Vocab.Dcat + "startDate") ?? graph.First(period, "http://schema.org/startDate")),
                Date(period is null ? null : graph.First(period, Vocab.Dcat + "endDate") ?? graph.First(period, "http://schema.org/endDate")),
                graph.Objects(dataset, Vocab.Dct + "spatial").Select(s => Pick(graph, s, Vocab.Skos + "prefLabel", languageCode) ?? RdfGraph.Text(s)).FirstOrDefault(s => s is not null),
                Last(graph.Objects(dataset, Vocab.Dct + "accrualPeriodicity").Select(RdfGraph.Text).FirstOrDefault()),
                [.. distributions.Select(d => Distribution(graph, d, languageCode)).OrderBy(d => d.DownloadUrl, StringComparer.Ordinal).ThenBy(d => d.Title, StringComparer.Ordinal)],
                graph.Objects(dataset, Vocab.DcatAp + "applicableLegislation").Any(l => RdfGraph.Text(l)?.Contains("2016/679", StringComparison.Ordinal) == true),
                null, null, null)),
        };
        if (input.Dataset!.ContainsPersonalData == true)
        {
            notes.Add("The GDPR applies to this dataset: choose its legal basis (dataset.legalBasis) before publishing.");
        }

        return new DcatApDataset(identifier, input, notes, Moment(graph.First(dataset, Vocab.Dct + "modified")));
    }

    /// <summary>The registry's simple fields that DCAT-AP has a property for, read back as the export writes them.</summary>
    private static DatasetInput WithRegistryFields(RdfGraph graph, RdfTerm dataset, DatasetInput input) =>
        DatasetTextFields.All.Where(field => field.DcatProperty is not null).Aggregate(input, (read, field) =>
            field.Input.With(read, graph.First(dataset, field.DcatProperty!)));

    private static DistributionInput Distribution(RdfGraph graph, RdfTerm node, string? language)
    {
        var format = graph.First(node, Vocab.Dct + "format");
        var mediaType = graph.First(node, Vocab.Dcat + "mediaType") ?? FileTypes.MediaTypeOf(format);
        var checksum = graph.Objects(node, Vocab.Spdx + "checksum").Select(c => graph.First(c, Vocab.Spdx + "checksumValue")).FirstOrDefault();
        return new DistributionInput(
            Pick(graph, node, Vocab.Dct + "title", language) ?? "Distribution",
            mediaType?.Contains("/media-types/", StringComparison.Ordinal) == true ? mediaType[(mediaType.IndexOf("/media-types/", StringComparison.Ordinal) + 13)..] : mediaType,
            Last(format),
            long.TryParse(graph.First(node, Vocab.Dcat + "byteSize"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size
                : decimal.TryParse(graph.First(node, Vocab.Dcat + "byteSize"), NumberStyles.Number, CultureInfo.InvariantCulture, out var bytes) && bytes == decimal.Truncate(bytes) && bytes <= long.MaxValue ? (long)bytes
                : null,
            checksum,
            null,
            graph.First(node, Vocab.Dcat + "downloadURL") ?? graph.First(node, Vocab.Dcat + "accessURL"));
    }

    // The literal in the dataset's language, else one without a language, else any; of several alike the first in
    // ordinal order, so that the same description reads the same whatever order its triples came in (RDF has none).
    private static string? Pick(RdfGraph graph, RdfTerm node, string property, string? language)
    {
        var values = graph.Objects(node, property).OfType<RdfLiteral>().OrderBy(v => v.Value, StringComparer.Ordinal).ToList();
        return (values.FirstOrDefault(v => language is not null && v.Language?.StartsWith(language, StringComparison.Ordinal) == true)
            ?? values.FirstOrDefault(v => v.Language is null)
            ?? values.FirstOrDefault())?.Value;
    }

    private static string? Contact(RdfGraph graph, RdfTerm dataset)
    {
        foreach (var kind in graph.Objects(dataset, Vocab.Dcat + "contactPoint"))
        {
            var email = graph.First(kind, Vocab.Vcard + "hasEmail");
            if (email is not null)
            {
                return email.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? email[7..] : email;
            }

            var url = graph.First(kind, Vocab.Vcard + "hasURL");
            if (url is not null)
            {
                return url;
            }
        }

        return null;
    }

    // A language as an EU authority IRI (…/language/NLD), an ISO 639 IRI or code (nl, nld), or a literal of either.
    private static string? LanguageCode(RdfTerm language) =>
        RdfGraph.Text(language) is { } text && Languages.TryGetValue(Last(text) ?? text, out var code) ? code : null;

    // A licence as SPDX, the EU authority table, or a Creative Commons page; what none of them names stays as given.
    private static string? Licence(RdfGraph graph, RdfTerm licence)
    {
        var iri = RdfGraph.Text(licence);
        if (iri is null)
        {
            return graph.First(licence, Vocab.Dct + "identifier") ?? graph.First(licence, Vocab.Rdfs + "label");
        }

        if (iri.StartsWith("https://spdx.org/licenses/", StringComparison.Ordinal) || iri.StartsWith("http://spdx.org/licenses/", StringComparison.Ordinal))
        {
            return Last(iri)?.Replace(".html", "", StringComparison.Ordinal);
        }

        if (iri.StartsWith(Authority + "licence/", StringComparison.Ordinal) && EuLicences.TryGetValue(Last(iri)!, out var spdx))
        {
            return spdx;
        }

        return CreativeCommons.FromUrl(iri) ?? iri;
    }

    private static DateOnly? Date(string? text) =>
        text is not null && DateOnly.TryParse(text.Length >= 10 ? text[..10] : text, CultureInfo.InvariantCulture, out var date) ? date : null;

    // xsd:dateTime or xsd:date (taken as its midnight in UTC); anything else is not a moment.
    private static DateTimeOffset? Moment(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment) ? moment
        : null;

    private static string? Last(string? iri) => iri?.TrimEnd('/').Split('/', '#')[^1];
}

/// <summary>One dataset as read from a description: its key at the source, the input, what the reader noticed, when the source says it last changed.</summary>
public sealed record DcatApDataset(string? SourceIdentifier, ResourceInput Input, IReadOnlyList<string> Notes, DateTimeOffset? SourceModified);
