using System.Net.Http.Json;
using Federation.Contracts;
using Federation.Contracts.Serialization;

namespace Federation.Hub.Tests;

/// <summary>Request bodies and response reading shared by the API specs.</summary>
internal static class ResourceJson
{
    public static object Dataset(string title = "Trillingsmetingen CNC-freesmachines", string licence = "CC-BY-4.0") => new
    {
        kind = "dataset",
        title,
        summary = "Vibration measurements of milling machines for predictive maintenance.",
        description = "Three years of accelerometer data from forty machines.",
        keywords = new[] { "predictive maintenance", "trillingen" },
        themes = new[] { "TECH" },
        licence,
        accessPolicy = "federation",
        publisher = "TU Eindhoven",
        contactPoint = "data@brainport-ai.example",
        language = "nl",
    };

    public static async Task<ResourceSnapshot> ReadResourceAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ResourceSnapshot>(FederationJson.Options))!;
}
