using System.Net.Http.Headers;
using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Federation.Portal.Staff;

/// <summary>
/// POST /staff/resources/{id}/upload: a file from the staff's browser, streamed on to their hub (which stores it,
/// computes its SHA-256 and records the upload). The edit page shows the outcome.
/// </summary>
public static class UploadEndpoint
{
    // Data files are large; the hub applies its own limit on what it accepts.
    private const long LargestUpload = 4L * 1024 * 1024 * 1024;

    public static WebApplication MapStaffUploads(this WebApplication app)
    {
        app.MapPost("/staff/resources/{id:guid}/upload", async (Guid id, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var back = $"/staff/resources/{id}/edit";
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = LargestUpload;
            }

            if (!http.Request.HasFormContentType)
            {
                return Results.BadRequest();
            }

            IFormCollection form;
            try
            {
                // Read once with the upload's own limit: the antiforgery check then uses this form, where it would
                // otherwise read it with the default multipart limit (128 MB) and refuse every larger file.
                form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = LargestUpload }, cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
            {
                return Results.BadRequest();
            }

            if (!await antiforgery.IsGenuineFormAsync(http))
            {
                return Results.BadRequest();
            }

            if (!http.User.IsStaff() || http.User.HomeHub() is not { } hub || await gateway.ClientForAsync(http, hub, cancellationToken) is not { } client)
            {
                return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(back)}");
            }

            using (client)
            {
                if (form.Files.GetFile("file") is not { Length: > 0 } file)
                {
                    return Results.LocalRedirect($"{back}?uploadFailed={Uri.EscapeDataString("no file")}");
                }

                await using var stream = file.OpenReadStream();
                var content = new StreamContent(stream);
                content.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
                using var response = await client.PutAsync($"resources/{id}/artifacts/{Uri.EscapeDataString(Path.GetFileName(file.FileName))}", content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    loggers.CreateLogger(typeof(UploadEndpoint)).LogWarning("The hub refused an upload for {ResourceId} ({StatusCode})", id, (int)response.StatusCode);
                    return Results.LocalRedirect($"{back}?uploadFailed={(int)response.StatusCode}");
                }

                var artifact = await response.Content.ReadFromJsonAsync<Artifact>(cancellationToken);
                return Results.LocalRedirect($"{back}?uploaded={Uri.EscapeDataString(artifact!.FileName)}");
            }
        }).ExcludeFromDescription();
        return app;
    }
}
