using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Hubs;

/// <summary>The check every plain form post of the portal starts with.</summary>
public static class GenuineForm
{
    /// <summary>
    /// True when the body is a readable form carrying this portal's antiforgery token. A body that cannot be read as a
    /// form (broken multipart, cut short) is refused like a forged token, as a bad request, not a server error: found
    /// by PortalAbuseSpecs, where the antiforgery check itself threw on such a body.
    /// </summary>
    public static async Task<bool> IsGenuineFormAsync(this IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception exception) when (exception is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }
}
