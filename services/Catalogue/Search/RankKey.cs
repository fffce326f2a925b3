using System.Text.Json.Serialization;

namespace Federation.Catalogue.Search;

/// <summary>A row's place in relevance order: rank, then modification time, then id, all descending.</summary>
public sealed record RankKey([property: JsonPropertyName("R")] float Rank, [property: JsonPropertyName("M")] DateTimeOffset ModifiedAt,
    [property: JsonPropertyName("I")] Guid Id);
