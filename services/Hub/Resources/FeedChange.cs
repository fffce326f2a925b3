using System.Text.Json.Serialization;

namespace Federation.Hub.Resources;

/// <summary>What a feed entry tells the federation; each maps to one event type. Written in the feed table by its wire name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeedChange>))]
public enum FeedChange
{
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("changed")] Changed,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}
