using System.Text.Json.Serialization;

namespace Federation.Contracts;

/// <summary>What a hub offers. The wire names are lower case so URLs and JSON read naturally.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceKind>))]
public enum ResourceKind
{
    [JsonStringEnumMemberName("dataset")] Dataset,
    [JsonStringEnumMemberName("model")] Model,
    [JsonStringEnumMemberName("expertise")] Expertise,

    /// <summary>Compute capacity a facility (an AI factory, a supercomputer centre) offers to the federation.</summary>
    [JsonStringEnumMemberName("compute")] Compute,
}
