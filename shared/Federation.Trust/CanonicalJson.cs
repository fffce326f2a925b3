using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Federation.Trust;

/// <summary>
/// One byte sequence for one JSON value, however it was written: objects with their members in ordinal order, no
/// whitespace, strings escaped one way, numbers as written. A signer and a verifier that canonicalise the same message
/// get the same bytes even when a broker, a serializer or a newer contract wrote it differently. An object that names
/// a member twice has no canonical form (<see cref="JsonException"/>): readers that take the first, the last, or
/// compare names ignoring case would each read another message under the same signature.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static byte[] Of(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Writing))
        {
            Write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = value.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal).ToList();
                if (properties.Select(property => property.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != properties.Count)
                {
                    throw new JsonException("An object names one member twice (names compared ignoring case, as the receivers' readers compare them).");
                }

                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetString());
                break;
            default:
                // Numbers, booleans and null exactly as written: their text is their canonical form here.
                writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
