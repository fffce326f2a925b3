namespace Federation.Hub.Resources.Import;

/// <summary>
/// The media type of a distribution that names only its format, as CKAN portals often do ("CSV", or the EU file-type
/// authority's …/file-type/CSV): the common formats of open data, by their codes in that table.
/// </summary>
public static class FileTypes
{
    private static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["CSV"] = "text/csv", ["TSV"] = "text/tab-separated-values", ["JSON"] = "application/json", ["GEOJSON"] = "application/geo+json",
        ["XML"] = "application/xml", ["XLSX"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["XLS"] = "application/vnd.ms-excel",
        ["ODS"] = "application/vnd.oasis.opendocument.spreadsheet", ["PDF"] = "application/pdf", ["ZIP"] = "application/zip",
        ["HTML"] = "text/html", ["TXT"] = "text/plain", ["RDF_XML"] = "application/rdf+xml", ["RDF"] = "application/rdf+xml",
        ["TTL"] = "text/turtle", ["RDF_TURTLE"] = "text/turtle", ["JSON_LD"] = "application/ld+json", ["JSONLD"] = "application/ld+json",
        ["PARQUET"] = "application/vnd.apache.parquet", ["SHP"] = "application/x-shapefile", ["GPKG"] = "application/geopackage+sqlite3",
        ["KML"] = "application/vnd.google-earth.kml+xml", ["GML"] = "application/gml+xml", ["WMS_SRVC"] = "application/vnd.ogc.wms_xml",
        ["WFS_SRVC"] = "application/vnd.ogc.wfs_xml", ["NETCDF"] = "application/x-netcdf", ["API"] = "application/json",
    };

    /// <summary>The media type for a format code or a file-type IRI; null for one not in the table.</summary>
    public static string? MediaTypeOf(string? format)
    {
        var code = format?.TrimEnd('/').Split('/', '#')[^1].Trim().Replace('-', '_').Replace(' ', '_');
        return code is null ? null : MediaTypes.GetValueOrDefault(code);
    }
}
