using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Federation.Portal.Hubs;

/// <summary>A multipart form carrying a file (a data file, a scheduler's accounting), read with the form's own size limit.</summary>
public static class LargeForm
{
    /// <summary>
    /// The form, read once with <paramref name="largest"/> as its limit, or null when it is not a readable form or
    /// carries no antiforgery token of this portal's (the antiforgery check then uses this form, where it would
    /// otherwise read it with the default multipart limit of 128 MB and refuse every larger file).
    /// </summary>
    public static async Task<IFormCollection?> ReadGenuineAsync(HttpContext http, IAntiforgery antiforgery, long largest, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = largest;
        }

        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = largest }, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }

        return await antiforgery.IsGenuineFormAsync(http) ? form : null;
    }
}
