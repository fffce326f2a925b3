using System.Text.Json;

namespace Federation.Rdf;

/// <summary>
/// One term of a JSON-LD context: the IRI (or keyword) it stands for, how its values are read (type coercion,
/// language, container, reverse, a scoped context), and whether it may serve as the prefix of a compact IRI.
/// </summary>
internal sealed record JsonLdTerm(
    string? Id, string? Type, string? Language, bool HasLanguage, string? Container, bool Reverse, JsonElement? Context, bool Prefix = false)
{
    /// <summary>A term mapped to null: its values are dropped.</summary>
    public static readonly JsonLdTerm Nothing = new(null, null, null, false, null, false, null);
}
