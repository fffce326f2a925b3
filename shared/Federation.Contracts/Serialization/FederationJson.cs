using System.Text.Json;

namespace Federation.Contracts.Serialization;

/// <summary>One JSON shape everywhere a snapshot is stored or sent: camelCase, enums by their wire names.</summary>
public static class FederationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
