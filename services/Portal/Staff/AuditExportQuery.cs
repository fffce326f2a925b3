using System.Globalization;
using Federation.Clients.Hubs;

namespace Federation.Portal.Staff;

/// <summary>
/// The audit export's query string as the hub's filter: resource, period (ISO 8601; a time without an offset is UTC,
/// never the portal server's local time), the id to continue after, and how many records at most. A value that
/// cannot be read is named, so the answer can say which field is at fault.
/// </summary>
public static class AuditExportQuery
{
    private static readonly string[] IsoFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>The filter, or the field that could not be read and why.</summary>
    public static (AuditFilter? Filter, string? Field, string? Problem) Read(IQueryCollection query)
    {
        var resource = query["resourceId"].ToString();
        Guid? resourceId = null;
        if (resource.Length > 0)
        {
            if (!Guid.TryParse(resource, out var id))
            {
                return (null, "resourceId", "'resourceId' must be a resource id (a GUID).");
            }

            resourceId = id;
        }

        if (!TryDate(query["from"].ToString(), out var from))
        {
            return (null, "from", "'from' must be an ISO 8601 date or time, such as 2026-03-01 or 2026-03-01T09:30:00+01:00.");
        }

        if (!TryDate(query["to"].ToString(), out var to))
        {
            return (null, "to", "'to' must be an ISO 8601 date or time, such as 2026-03-31 or 2026-03-31T17:00:00Z.");
        }

        if (!TryWhole(query["after"].ToString(), 0, out var after))
        {
            return (null, "after", "'after' must be the id of an audit record (a whole number).");
        }

        if (!TryWhole(query["limit"].ToString(), 1, out var limit) || limit > int.MaxValue)
        {
            return (null, "limit", "'limit' must be a whole number of at least 1.");
        }

        return (new AuditFilter(Text(query["action"]), Text(query["actorHub"]), resourceId, from, to, Text(query["outcome"]), after, (int?)limit), null, null);
    }

    private static bool TryDate(string text, out DateTimeOffset? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryWhole(string text, long least, out long? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < least)
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
