using System.Text.Json.Serialization;

namespace Federation.Contracts;

/// <summary>What a hub offers. The wire names are lower case so URLs and JSON read naturally.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceKind>))]
public enum ResourceKind
{
    [JsonStringEnumMemberName("dataset")] Dataset,
    [JsonStringEnumMemberName("model")] Model,
    [JsonStringEnumMemberName("expertise")] Expertise,
}
