using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Federation.Catalogue.Identifiers;

/// <summary>
/// Which of the offered forms a request's <c>Accept</c> header prefers (RFC 9110 §12.5.1): each form takes the quality
/// of the most specific media range that matches it, the highest quality wins, and the order of the offers breaks ties.
/// A range naming a profile (or a bibliography style) matches only the form with that profile; a range without one
/// matches every form of its media type; other parameters do not choose. No header, or one that cannot be read as a
/// whole, accepts anything.
/// </summary>
public static class FormNegotiation
{
    public static ResourceForm? Choose(StringValues accept, IReadOnlyList<ResourceForm> offers)
    {
        if (offers.Count == 0)
        {
            return null;
        }

        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return offers[0];
        }

        ResourceForm? best = null;
        var bestQuality = 0.0;
        foreach (var offer in offers)
        {
            var quality = QualityOf(offer, ranges);
            if (quality > bestQuality)
            {
                (best, bestQuality) = (offer, quality);
            }
        }

        return best;
    }

    private static double QualityOf(ResourceForm offer, IList<MediaTypeHeaderValue> ranges)
    {
        var specificity = -1;
        var quality = 0.0;
        foreach (var range in ranges)
        {
            var rank = Specificity(range, offer);
            if (rank > specificity)
            {
                (specificity, quality) = (rank, QualityStated(range));
            }
        }

        return quality;
    }

    // A q that is no quality RFC 9110 allows (2, -1, "high") accepts nothing rather than everything; none at all is 1.
    private static double QualityStated(MediaTypeHeaderValue range) =>
        !range.Parameters.Any(p => p.Name.Equals("q", StringComparison.OrdinalIgnoreCase)) ? 1.0
        : range.Quality is { } quality && quality is >= 0 and <= 1 ? quality
        : 0;

    // -1: no match; 0: */*; 1: type/*; 2: type/subtype; 3: type/subtype with the form's own profile or style.
    private static int Specificity(MediaTypeHeaderValue range, ResourceForm offer)
    {
        var slash = offer.MediaType.IndexOf('/', StringComparison.Ordinal);
        var type = offer.MediaType[..slash];
        if (range.MatchesAllTypes)
        {
            return 0;
        }

        if (!range.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        if (range.MatchesAllSubTypes)
        {
            return 1;
        }

        if (!range.MediaType.Equals(offer.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        var profiles = Profiles(range);
        if (offer.Parameter == "profile")
        {
            return profiles.Count == 0 ? 2 : profiles.Contains(offer.ParameterValue!, StringComparer.OrdinalIgnoreCase) ? 3 : -1;
        }

        if (profiles.Count > 0)
        {
            // A profile asked of a form that has none is not this form.
            return -1;
        }

        var asked = offer.Parameter is null ? null : range.Parameters.FirstOrDefault(p => p.Name.Equals(offer.Parameter, StringComparison.OrdinalIgnoreCase));
        return asked is null ? 2 : HeaderUtilities.RemoveQuotes(asked.Value).Equals(offer.ParameterValue, StringComparison.OrdinalIgnoreCase) ? 3 : -1;
    }

    // JSON-LD's profile parameter is a space-separated list; its own profiles (expanded, compacted, flattened) say how
    // a document is laid out, not what it describes, so they choose no form.
    private static List<string> Profiles(MediaTypeHeaderValue range) =>
    [
        .. range.Parameters
            .Where(p => p.Name.Equals("profile", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => HeaderUtilities.RemoveQuotes(p.Value).ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(profile => !profile.StartsWith("http://www.w3.org/ns/json-ld#", StringComparison.Ordinal)),
    ];
}
