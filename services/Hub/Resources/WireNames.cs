using System.Text.Json;
using Federation.Contracts;
using Federation.ServiceDefaults.Serialization;

namespace Federation.Hub.Resources;

/// <summary>The lower-case names enums have on the wire, reused for database columns so both read the same.</summary>
public static class WireNames
{
    public static string ToWireName(this ResourceKind kind) => Name(kind);

    public static string ToWireName(this ResourceState state) => Name(state);

    public static string ToWireName(this AccessPolicy policy) => Name(policy);

    public static string ToWireName(this FeedChange change) => change switch
    {
        FeedChange.Published => "published",
        FeedChange.Changed => "changed",
        FeedChange.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public static FeedChange ParseFeedChange(string name) => name switch
    {
        "published" => FeedChange.Published,
        "changed" => FeedChange.Changed,
        "withdrawn" => FeedChange.Withdrawn,
        _ => throw new InvalidDataException($"Unknown feed change '{name}'."),
    };

    /// <summary>The wire name of any of the contracts' enums.</summary>
    public static string ToWireNameOf<T>(this T value) where T : struct, Enum => Name(value);

    private static string Name<T>(T value) where T : struct, Enum => EnumNames<T>.Of(value);

    private static class EnumNames<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>()
            .ToDictionary(value => value, value => JsonSerializer.Serialize(value, FederationJson.Options).Trim('"'));

        public static string Of(T value) => Names[value];
    }
}
