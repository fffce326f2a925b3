using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Contracts.Search;

namespace Federation.Catalogue.Search;

/// <summary>
/// Where the next page starts: the sort key of the last hit shown (rank, modification time, id), bound to the query
/// it came from. Keyset paging rather than offsets, so resources published while someone pages through a result
/// neither repeat a hit nor push one out of sight, and a deep page costs what the first one does.
/// </summary>
/// <remarks>
/// A large relevance search pages through two parts: the matches in exact order of relevance (<see cref="Segment"/> 0)
/// and then the rest, newest first (1). Found through the leaders of its words, a cursor carries how deep the search
/// read them (<see cref="Depth"/>), which fixes where the ranked part ends, and in the rest the last ranked row shown
/// (<see cref="Ceiling"/>), so no row of the ranked part comes again when resources written meanwhile move that end.
/// With a prefix term, the ranked part is the most recent matches, from the window's edge (the modification time and
/// id of its oldest member) on, which stays fixed while paging.
/// </remarks>
public sealed record SearchCursor(
    float Rank, DateTimeOffset ModifiedAt, Guid Id, string Query, int Segment = 0, DateTimeOffset? EdgeModifiedAt = null, Guid? EdgeId = null)
{
    /// <summary>How many leaders of each word the last page read (0 when the page was not found through leaders).</summary>
    [JsonPropertyName("D")]
    public int Depth { get; init; }

    /// <summary>In the rest: the last row of the ranked part that was shown, if one was (see <see cref="Leaders.LeaderStatement.RestAfter"/>).</summary>
    [JsonPropertyName("C")]
    public RankKey? Ceiling { get; init; }

    /// <summary>The ranking window's edge, when the search has one.</summary>
    [JsonIgnore]
    public (DateTimeOffset ModifiedAt, Guid Id)? Edge => EdgeModifiedAt is { } modified && EdgeId is { } id ? (modified, id) : null;

    // Parts a cursor does not have are left out: a shorter link.
    private static readonly JsonSerializerOptions Compact = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public string Encode() =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this, Compact)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static SearchCursor? TryDecode(string text)
    {
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var cursor = JsonSerializer.Deserialize<SearchCursor>(Convert.FromBase64String(padded));
            return cursor is { Query.Length: > 0, Segment: 0 or 1, Depth: >= 0 and <= Leaders.LeaderSearch.MaxDepthEver } && float.IsFinite(cursor.Rank) && cursor.Rank >= 0
                && (cursor.Ceiling is null || (float.IsFinite(cursor.Ceiling.Rank) && cursor.Ceiling.Rank >= 0))
                && (cursor.Segment == 0 || cursor.Edge is not null || cursor.Depth > 0)
                // Times as PostgreSQL takes them (UTC): a cursor written by hand with another offset is read as the same instant.
                ? cursor with
                {
                    ModifiedAt = cursor.ModifiedAt.ToUniversalTime(),
                    EdgeModifiedAt = cursor.EdgeModifiedAt?.ToUniversalTime(),
                    Ceiling = cursor.Ceiling is { } top ? top with { ModifiedAt = top.ModifiedAt.ToUniversalTime() } : null,
                }
                : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A short fingerprint of everything that decides the result list except the position in it. Only the dimensions a
    /// search filters on are in it, by name, so a dimension added to the registry (or the registry put in another order
    /// for the portal) leaves the cursors of every search that does not use it valid.
    /// </summary>
    public static string QueryKeyOf(SearchRequest request) => QueryKeyOf(request, SearchDimensions.All);

    internal static string QueryKeyOf(SearchRequest request, IEnumerable<SearchDimension> dimensions)
    {
        var text = string.Join('\u001f', [
            request.Text ?? "", request.Sort.ToString(), .. request.Translate ? Array.Empty<string>() : ["untranslated"],
            .. dimensions.Where(d => request.ValuesOf(d).Count > 0).OrderBy(d => d.Name, StringComparer.Ordinal).SelectMany(d => request.ValuesOf(d).Prepend($"|{d.Name}="))]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
