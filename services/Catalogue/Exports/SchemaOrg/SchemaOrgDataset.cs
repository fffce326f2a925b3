using System.Globalization;
using System.Text.Json.Nodes;
using Federation.Catalogue.Identifiers;
using Federation.Contracts;

namespace Federation.Catalogue.Exports.SchemaOrg;

/// <summary>
/// A dataset as schema.org <c>Dataset</c> JSON-LD, the form web search engines read from a resource page; and the same
/// description as a Croissant 1.0 dataset (schema.org plus MLCommons' <c>cr:</c> terms), the form ML tooling reads.
/// </summary>
public static class SchemaOrgDataset
{
    public static JsonObject Describe(ResourceSnapshot resource, Uri catalogueIri, Uri? hubPage, string hubName)
    {
        var dataset = new JsonObject
        {
            ["@context"] = "https://schema.org/",
            ["@type"] = "Dataset",
            ["@id"] = catalogueIri.AbsoluteUri,
        };
        Fill(dataset, resource, catalogueIri, hubPage, hubName, croissant: false);
        return dataset;
    }

    public static JsonObject Croissant(ResourceSnapshot resource, Uri catalogueIri, Uri? hubPage, string hubName, string citation)
    {
        var dataset = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["@language"] = "en",
                ["@vocab"] = "https://schema.org/",
                ["sc"] = "https://schema.org/",
                ["cr"] = "http://mlcommons.org/croissant/",
                ["dct"] = "http://purl.org/dc/terms/",
                ["conformsTo"] = "dct:conformsTo",
                ["citeAs"] = "cr:citeAs",
                ["sha256"] = "cr:sha256",
                ["fileObject"] = "cr:fileObject",
                ["recordSet"] = "cr:recordSet",
            },
            ["@type"] = "sc:Dataset",
            ["@id"] = catalogueIri.AbsoluteUri,
            ["conformsTo"] = "http://mlcommons.org/croissant/1.0",
        };
        Fill(dataset, resource, catalogueIri, hubPage, hubName, croissant: true);
        dataset["citeAs"] = citation;
        return dataset;
    }

    private static void Fill(JsonObject dataset, ResourceSnapshot resource, Uri catalogueIri, Uri? hubPage, string hubName, bool croissant)
    {
        var metadata = resource.Dataset;
        dataset["name"] = resource.Title;
        dataset["description"] = resource.Description.Length > 0 ? resource.Description : resource.Summary.Length > 0 ? resource.Summary : resource.Title;
        dataset["url"] = (hubPage ?? catalogueIri).AbsoluteUri;
        dataset["identifier"] = resource.Id.ToString();
        dataset["version"] = ResourceCitations.VersionLabel(resource);
        dataset["keywords"] = new JsonArray([.. resource.Keywords.Select(k => (JsonNode?)JsonValue.Create(k))]);
        dataset["license"] = $"https://spdx.org/licenses/{resource.Licence}";
        dataset["isAccessibleForFree"] = resource.AccessPolicy == AccessPolicy.Open;
        dataset["creator"] = new JsonObject { ["@type"] = "Organization", ["name"] = resource.Publisher };
        dataset["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = hubName };
        dataset["dateModified"] = resource.ModifiedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (resource.PublishedAt is { } published)
        {
            dataset["datePublished"] = published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (resource.Language is { } language)
        {
            dataset["inLanguage"] = language;
        }

        if (metadata?.TemporalStart is not null || metadata?.TemporalEnd is not null)
        {
            dataset["temporalCoverage"] = $"{metadata!.TemporalStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ".."}/{metadata.TemporalEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ".."}";
        }

        if (metadata?.SpatialCoverage is { } spatial)
        {
            dataset["spatialCoverage"] = new JsonObject { ["@type"] = "Place", ["name"] = spatial };
        }

        var files = new JsonArray();
        var distributions = metadata?.Distributions ?? [];
        for (var i = 0; i < distributions.Count; i++)
        {
            var distribution = distributions[i];
            var contentUrl = distribution.ArtifactId is { } artifact && hubPage is not null
                ? new Uri(hubPage, $"{resource.Id}/artifacts/{artifact}").AbsoluteUri
                : distribution.DownloadUrl?.AbsoluteUri;
            var file = new JsonObject
            {
                ["@type"] = croissant ? "cr:FileObject" : "DataDownload",
                ["@id"] = $"{catalogueIri.AbsoluteUri}#distribution-{i + 1}",
                ["name"] = distribution.Title,
                ["encodingFormat"] = distribution.MediaType,
            };
            if (contentUrl is not null)
            {
                file["contentUrl"] = contentUrl;
            }

            if (distribution.ByteSize is { } size)
            {
                file["contentSize"] = $"{size.ToString(CultureInfo.InvariantCulture)} B";
            }

            if (distribution.Sha256 is { } sha256)
            {
                file["sha256"] = sha256;
            }

            files.Add(file);
        }

        dataset["distribution"] = files;
        dataset["includedInDataCatalog"] = new JsonObject { ["@type"] = "DataCatalog", ["name"] = "Catalogue of the Dutch AI hubs" };
    }
}
