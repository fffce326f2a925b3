using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;

namespace Federation.Hub.Tests;

/// <summary>Request bodies and response reading shared by the API specs.</summary>
internal static class ResourceJson
{
    public static ResourceInput Dataset(string title = "Trillingsmetingen CNC-freesmachines", string licence = "CC-BY-4.0") => new()
    {
        Kind = "dataset",
        Title = title,
        Summary = "Vibration measurements of milling machines for predictive maintenance.",
        Description = "Three years of accelerometer data from forty machines.",
        Keywords = ["predictive maintenance", "trillingen"],
        Themes = ["TECH"],
        Licence = licence,
        AccessPolicy = "federation",
        Publisher = "TU Eindhoven",
        ContactPoint = "data@brainport-ai.example",
        Language = "nl",
    };

    /// <summary>A resource with no more than the fields every create needs.</summary>
    public static ResourceInput Minimal(string kind, string title, string accessPolicy, string publisher) => new()
    {
        Kind = kind, Title = title, Licence = "CC-BY-4.0", AccessPolicy = accessPolicy, Publisher = publisher,
    };

    /// <summary>An open expertise offer of a team in time series.</summary>
    public static ResourceInput TimeSeriesTeam(string title, string publisher) => Minimal("expertise", title, "open", publisher) with
    {
        Expertise = new ExpertiseInput("team", ["time-series"], Tags: null, Sectors: null, Region: null, Languages: null, Availability: null,
            EngagementTerms: null, WantsContact: null),
    };

    /// <summary>A valid body as a JSON object, for the abuse specs to spoil one member at a time.</summary>
    public static JsonObject ToJsonObject<T>(T body) => JsonSerializer.SerializeToNode(body, FederationJson.Options)!.AsObject();

    public static async Task<ResourceSnapshot> ReadResourceAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ResourceSnapshot>(FederationJson.Options))!;
}
