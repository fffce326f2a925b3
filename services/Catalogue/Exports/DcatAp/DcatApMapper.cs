using System.Globalization;
using Federation.Rdf;
using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Catalogue.Identifiers;

namespace Federation.Catalogue.Exports.DcatAp;

/// <summary>
/// The federation's datasets and compute offers as DCAT-AP 3: one dcat:Catalog, its datasets with their distributions,
/// its data services (the facilities' compute offers), publishers and contact points. Controlled values point at the EU Publications Office authority tables (themes, frequencies, languages),
/// licences at SPDX, media types at IANA. Every referenced node is typed, as DCAT-AP's range shapes require. A dataset
/// or service is named by its persistent URI, which answers with this very description; its distributions by fragments of it.
/// </summary>
public sealed class DcatApMapper(Uri catalogueBase, Uri identifierBase, IReadOnlyDictionary<string, (string Name, Uri? ApiBaseUrl)> hubs)
{
    private const string Authority = "http://publications.europa.eu/resource/authority/";

    private static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>
    {
        ["nl"] = "NLD", ["en"] = "ENG", ["de"] = "DEU", ["fr"] = "FRA", ["es"] = "SPA", ["it"] = "ITA", ["fy"] = "FRY",
    };

    // The English labels of the EU data themes, which DCAT-AP wants on every skos:Concept it is given.
    private static readonly IReadOnlyDictionary<string, string> ThemeLabels = new Dictionary<string, string>
    {
        ["AGRI"] = "Agriculture, fisheries, forestry and food", ["ECON"] = "Economy and finance", ["EDUC"] = "Education, culture and sport",
        ["ENER"] = "Energy", ["ENVI"] = "Environment", ["GOVE"] = "Government and public sector", ["HEAL"] = "Health",
        ["INTR"] = "International issues", ["JUST"] = "Justice, legal system and public safety", ["REGI"] = "Regions and cities",
        ["SOCI"] = "Population and society", ["TECH"] = "Science and technology", ["TRAN"] = "Transport",
    };

    public RdfIri CatalogIri => new(new Uri(catalogueBase, "catalogue").AbsoluteUri);

    public RdfGraph Catalog(IReadOnlyList<ResourceSnapshot> resources, int page, int pageSize, long total)
    {
        var graph = new RdfGraph();
        var catalog = CatalogIri;
        graph.Type(catalog, Vocab.Dcat + "Catalog")
            .Add(catalog, Vocab.Dct + "title", RdfTerm.Text("Catalogus van de Nederlandse AI-hubs", "nl"))
            .Add(catalog, Vocab.Dct + "title", RdfTerm.Text("Catalogue of the Dutch AI hubs", "en"))
            .Add(catalog, Vocab.Dct + "description", RdfTerm.Text(
                "Datasets, models and expertise of the seven regional AI hubs of the Netherlands, and the compute offers of the facilities beside them, each held by the member that owns it.", "en"))
            .Add(catalog, Vocab.Dct + "publisher", Agent(graph, "AI-hub federatie Nederland"))
            .Add(catalog, Vocab.Foaf + "homepage", new RdfIri(catalogueBase.AbsoluteUri));
        graph.Type(new RdfIri(catalogueBase.AbsoluteUri), Vocab.Foaf + "Document");
        foreach (var resource in resources)
        {
            graph.Add(catalog, resource.Kind == ResourceKind.Compute ? Vocab.Dcat + "service" : Vocab.Dcat + "dataset", Resource(graph, resource));
        }

        // Paging as DCAT-AP suggests it: a Hydra partial collection view with the links to the other pages.
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        var view = PageIri(page, pageSize);
        graph.Type(view, Vocab.Hydra + "PartialCollectionView")
            .Add(view, Vocab.Hydra + "totalItems", RdfTerm.Typed(total.ToString(CultureInfo.InvariantCulture), Vocab.Xsd + "nonNegativeInteger"))
            .Add(view, Vocab.Hydra + "first", PageIri(1, pageSize))
            .Add(view, Vocab.Hydra + "last", PageIri(pages, pageSize))
            .Add(view, Vocab.Hydra + "next", page < pages ? PageIri(page + 1, pageSize) : null)
            .Add(view, Vocab.Hydra + "previous", page > 1 ? PageIri(page - 1, pageSize) : null);
        graph.Add(catalog, Vocab.Hydra + "view", view);
        return graph;
    }

    public RdfIri Dataset(RdfGraph graph, ResourceSnapshot resource)
    {
        var dataset = ResourceIri(resource);
        var metadata = resource.Dataset;
        graph.Type(dataset, Vocab.Dcat + "Dataset")
            .Add(dataset, Vocab.Dct + "description", RdfTerm.Text(Description(resource), resource.Language))
            .Add(dataset, Vocab.Dct + "modified", DateTime(resource.ModifiedAt))
            .Add(dataset, Vocab.Dct + "issued", resource.PublishedAt is { } issued ? DateTime(issued) : null);
        AddCommon(graph, dataset, resource);
        if (metadata is not null)
        {
            AddDatasetMetadata(graph, dataset, metadata);
        }

        // The version: the publisher's own label when the dataset has one (the registry's field), else the
        // federation's count of its versions; and what staff said of the change that made it.
        if (metadata?.Version is null)
        {
            graph.Add(dataset, Vocab.Dcat + "version", RdfTerm.Text(resource.Version.ToString(CultureInfo.InvariantCulture)));
        }

        graph.Add(dataset, Vocab.Adms + "versionNotes", resource.ChangeNote is { } note ? RdfTerm.Text(note) : null);

        var distributions = metadata?.Distributions ?? [];
        if (distributions.Count == 0)
        {
            // Without distributions of its own, a dataset is still reached through its hub, under its licence.
            graph.Add(dataset, Vocab.Dcat + "distribution", Distribution(graph, resource, new Distribution(resource.Title, "text/html"), 0));
        }

        for (var i = 0; i < distributions.Count; i++)
        {
            graph.Add(dataset, Vocab.Dcat + "distribution", Distribution(graph, resource, distributions[i], i + 1));
        }

        return dataset;
    }

    /// <summary>
    /// A facility's compute offer as a dcat:DataService, the DCAT-AP class for a service reached at an endpoint: the
    /// endpoint is the offer at the facility's own API, where one applies. Partitions, capacity, energy and terms have
    /// no DCAT-AP property, so the description carries them in words beside the offer's own text.
    /// </summary>
    public RdfIri Service(RdfGraph graph, ResourceSnapshot resource)
    {
        var service = ResourceIri(resource);
        graph.Type(service, Vocab.Dcat + "DataService")
            .Add(service, Vocab.Dct + "description", RdfTerm.Text(ComputeDescription(resource), resource.Language))
            .Add(service, Vocab.Dcat + "endpointURL", new RdfIri(HubUrl(resource.HubId, $"resources/{resource.Id}") ?? service.Value))
            .Add(service, Vocab.Dct + "license", Concept(graph, LicenceIri(resource.Licence), Vocab.Dct + "LicenseDocument"));
        AddCommon(graph, service, resource);
        if (resource.Compute is { } compute)
        {
            var rights = graph.NewBlank();
            graph.Type(rights, Vocab.Dct + "RightsStatement").Add(rights, Vocab.Rdfs + "label", RdfTerm.Text(
                $"For {string.Join(", ", compute.Eligibility)}; by {string.Join(", ", compute.AccessModes.Select(m => m.Mode))}.", "en"));
            graph.Add(service, Vocab.Dct + "accessRights", rights);
        }

        return service;
    }

    /// <summary>A dataset or a compute offer, whichever the resource is.</summary>
    public RdfIri Resource(RdfGraph graph, ResourceSnapshot resource) =>
        resource.Kind == ResourceKind.Compute ? Service(graph, resource) : Dataset(graph, resource);

    // What datasets and data services say alike: id, title, publisher, keywords, themes, language, contact, landing page.
    private void AddCommon(RdfGraph graph, RdfIri node, ResourceSnapshot resource)
    {
        graph.Add(node, Vocab.Dct + "identifier", RdfTerm.Text(resource.Id.ToString()))
            .Add(node, Vocab.Dct + "title", RdfTerm.Text(resource.Title, resource.Language))
            .Add(node, Vocab.Dct + "publisher", Agent(graph, resource.Publisher))
            .Add(node, Vocab.Dcat + "landingPage", LandingPage(graph, resource));
        foreach (var keyword in resource.Keywords)
        {
            graph.Add(node, Vocab.Dcat + "keyword", RdfTerm.Text(keyword, resource.Language));
        }

        foreach (var theme in resource.Themes)
        {
            var concept = Concept(graph, $"{Authority}data-theme/{theme}", Vocab.Skos + "Concept");
            graph.Add(concept, Vocab.Skos + "prefLabel", RdfTerm.Text(ThemeLabels.GetValueOrDefault(theme, theme), "en"));
            graph.Add(node, Vocab.Dcat + "theme", concept);
        }

        if (resource.Language is { } code && Languages.TryGetValue(code, out var language))
        {
            graph.Add(node, Vocab.Dct + "language", Concept(graph, $"{Authority}language/{language}", Vocab.Dct + "LinguisticSystem"));
        }

        if (resource.ContactPoint is { } contact)
        {
            var kind = graph.NewBlank();
            graph.Type(kind, Vocab.Vcard + "Kind")
                .Add(kind, Vocab.Vcard + "fn", RdfTerm.Text(resource.Publisher))
                .Add(kind, contact.Contains('@', StringComparison.Ordinal) ? Vocab.Vcard + "hasEmail" : Vocab.Vcard + "hasURL",
                    new RdfIri(contact.Contains('@', StringComparison.Ordinal) ? "mailto:" + contact : contact));
            graph.Add(node, Vocab.Dcat + "contactPoint", kind);
        }
    }

    public RdfIri ResourceIri(ResourceSnapshot resource) => new(PersistentUris.Of(identifierBase, resource.HubId, resource.Id).AbsoluteUri);

    private void AddDatasetMetadata(RdfGraph graph, RdfIri dataset, DatasetMetadata metadata)
    {
        if (metadata.TemporalStart is not null || metadata.TemporalEnd is not null)
        {
            var period = graph.NewBlank();
            graph.Type(period, Vocab.Dct + "PeriodOfTime")
                .Add(period, Vocab.Dcat + "startDate", metadata.TemporalStart is { } start ? Date(start) : null)
                .Add(period, Vocab.Dcat + "endDate", metadata.TemporalEnd is { } end ? Date(end) : null);
            graph.Add(dataset, Vocab.Dct + "temporal", period);
        }

        if (metadata.SpatialCoverage is { } spatial)
        {
            var location = graph.NewBlank();
            graph.Type(location, Vocab.Dct + "Location").Add(location, Vocab.Skos + "prefLabel", RdfTerm.Text(spatial));
            graph.Add(dataset, Vocab.Dct + "spatial", location);
        }

        if (metadata.UpdateFrequency is { } frequency)
        {
            graph.Add(dataset, Vocab.Dct + "accrualPeriodicity", Concept(graph, $"{Authority}frequency/{frequency}", Vocab.Dct + "Frequency"));
        }

        // The registry's simple fields that DCAT-AP has a property for, each a plain literal.
        foreach (var field in DatasetTextFields.All)
        {
            if (field.DcatProperty is { } property && field.Metadata.Get(metadata) is { } value)
            {
                graph.Add(dataset, property, RdfTerm.Text(value));
            }
        }

        if (metadata.ContainsPersonalData)
        {
            // The GDPR applies: DCAT-AP's applicable legislation, by its ELI.
            graph.Add(dataset, Vocab.DcatAp + "applicableLegislation", Concept(graph, "http://data.europa.eu/eli/reg/2016/679/oj", "http://data.europa.eu/eli/ontology#LegalResource"));
        }
    }

    private RdfTerm Distribution(RdfGraph graph, ResourceSnapshot resource, Distribution distribution, int number)
    {
        var node = new RdfIri($"{ResourceIri(resource).Value}#distribution-{number}");
        var access = distribution.ArtifactId is { } artifact && HubUrl(resource.HubId, $"resources/{resource.Id}/artifacts/{artifact}") is { } download
            ? download
            : distribution.DownloadUrl?.AbsoluteUri ?? HubUrl(resource.HubId, $"resources/{resource.Id}") ?? ResourceIri(resource).Value;
        graph.Type(node, Vocab.Dcat + "Distribution")
            .Add(node, Vocab.Dct + "title", RdfTerm.Text(distribution.Title))
            .Add(node, Vocab.Dcat + "accessURL", new RdfIri(access))
            .Add(node, Vocab.Dcat + "downloadURL", distribution.ArtifactId is not null || distribution.DownloadUrl is not null ? new RdfIri(access) : null)
            .Add(node, Vocab.Dcat + "mediaType", Concept(graph, $"https://www.iana.org/assignments/media-types/{distribution.MediaType}", Vocab.Dct + "MediaType"))
            .Add(node, Vocab.Dcat + "byteSize", distribution.ByteSize is { } size ? RdfTerm.Typed(size.ToString(CultureInfo.InvariantCulture), Vocab.Xsd + "decimal") : null)
            .Add(node, Vocab.Dct + "license", Concept(graph, LicenceIri(resource.Licence), Vocab.Dct + "LicenseDocument"));
        if (distribution.Sha256 is { } sha256)
        {
            var checksum = graph.NewBlank();
            graph.Type(checksum, Vocab.Spdx + "Checksum")
                .Add(checksum, Vocab.Spdx + "algorithm", new RdfIri(Vocab.Spdx + "checksumAlgorithm_sha256"))
                .Add(checksum, Vocab.Spdx + "checksumValue", RdfTerm.Typed(sha256, Vocab.Xsd + "hexBinary"));
            graph.Add(node, Vocab.Spdx + "checksum", checksum);
        }

        return node;
    }

    private RdfIri? LandingPage(RdfGraph graph, ResourceSnapshot resource)
    {
        if (HubUrl(resource.HubId, $"resources/{resource.Id}") is not { } page)
        {
            return null;
        }

        var iri = new RdfIri(page);
        graph.Type(iri, Vocab.Foaf + "Document");
        return iri;
    }

    private string? HubUrl(string hubId, string path) =>
        hubs.TryGetValue(hubId, out var hub) && hub.ApiBaseUrl is { } baseUrl ? new Uri(baseUrl, path).AbsoluteUri : null;

    private RdfIri PageIri(int page, int pageSize) =>
        new(new Uri(catalogueBase, $"export/dcat-ap?page={page}&pageSize={pageSize}").AbsoluteUri);

    private static RdfBlank Agent(RdfGraph graph, string name)
    {
        var agent = graph.NewBlank();
        graph.Type(agent, Vocab.Foaf + "Agent").Add(agent, Vocab.Foaf + "name", RdfTerm.Text(name));
        return agent;
    }

    private static RdfIri Concept(RdfGraph graph, string iri, string type)
    {
        var concept = new RdfIri(iri);
        graph.Type(concept, type);
        return concept;
    }

    private static string LicenceIri(string licence) =>
        licence.StartsWith("LicenseRef-", StringComparison.Ordinal) ? $"https://spdx.org/licenses/{Uri.EscapeDataString(licence)}" : $"https://spdx.org/licenses/{licence}";

    // DCAT-AP requires a description; a resource without one is described by its summary, or at least its title.
    private static string Description(ResourceSnapshot resource) =>
        resource.Description.Length > 0 ? resource.Description : resource.Summary.Length > 0 ? resource.Summary : resource.Title;

    private static string ComputeDescription(ResourceSnapshot resource) => resource.Compute is not { } compute
        ? Description(resource)
        : string.Join(" ", [
            Description(resource),
            $"Partitions: {string.Join("; ", compute.Partitions.Select(p => $"{p.Name}, {p.Nodes} nodes of {p.AcceleratorsPerNode} × {p.AcceleratorModel}, {p.MemoryPerNodeGb} GB memory per node{(p.Interconnect is { } net ? $", {net}" : "")}"))}.",
            $"Capacity: {compute.Capacity.AcceleratorHours.ToString("N0", CultureInfo.InvariantCulture)} accelerator-hours a {compute.Capacity.Period}, at {compute.Site}.",
            $"Energy: PUE {compute.Energy.Pue.ToString(CultureInfo.InvariantCulture)}, {compute.Energy.RenewablePercent} % renewable power"
                + (compute.Energy.WasteHeatReused ? $", waste heat reused ({compute.Energy.WasteHeatDestination})." : ", waste heat not reused."),
        ]);

    private static RdfLiteral DateTime(DateTimeOffset value) =>
        RdfTerm.Typed(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Vocab.Xsd + "dateTime");

    private static RdfLiteral Date(DateOnly value) => RdfTerm.Typed(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Vocab.Xsd + "date");
}
