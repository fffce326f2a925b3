using System.Text.Json;

namespace Federation.Contracts.Serialization;

/// <summary>
/// The lower-case names the contracts' enums have on the wire ("dataset", "published" …), reused for database
/// columns and query parameters so that all of them read the same.
/// </summary>
public static class WireNames
{
    public static string ToWireName<T>(this T value) where T : struct, Enum => EnumNames<T>.Of(value);

    public static bool TryParseWireName<T>(string? name, out T value) where T : struct, Enum => EnumNames<T>.TryParse(name, out value);

    private static class EnumNames<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>()
            .ToDictionary(value => value, value => JsonSerializer.Serialize(value, FederationJson.Options).Trim('"'));

        public static string Of(T value) => Names[value];

        public static bool TryParse(string? name, out T value)
        {
            foreach (var (candidate, wire) in Names)
            {
                if (string.Equals(wire, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }
}
