using System.Text.Json.Serialization;

namespace Federation.Contracts;

/// <summary>Lifecycle of a resource: draft → published → withdrawn. Withdrawn is final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceState>))]
public enum ResourceState
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}
