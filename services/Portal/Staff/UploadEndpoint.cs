using System.Net.Http.Headers;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

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
            // Who it is, before a byte of a file that may be gigabytes is read.
            if (!http.User.IsStaff() || http.User.HomeHub() is not { } hub)
            {
                return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(back)}");
            }

            if (await LargeForm.ReadGenuineAsync(http, antiforgery, LargestUpload, cancellationToken) is not { } form)
            {
                return Results.BadRequest();
            }

            if (await gateway.ClientForAsync(http, hub, cancellationToken) is not { } client)
            {
                return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(back)}");
            }

            if (form.Files.GetFile("file") is not { Length: > 0 } file)
            {
                return Results.LocalRedirect($"{back}?uploadFailed={Uri.EscapeDataString("no file")}");
            }

            await using var stream = file.OpenReadStream();
            var mediaType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type.ToString() : "application/octet-stream";
            var uploaded = await gateway.CallAsync(client, hub,
                (api, token) => api.UploadArtifactAsync(id, Path.GetFileName(file.FileName), stream, mediaType, length: null, token), cancellationToken);
            if (uploaded.Value is not { } artifact)
            {
                loggers.CreateLogger(typeof(UploadEndpoint)).LogWarning("The hub refused an upload for {ResourceId} ({StatusCode})", id, (int)uploaded.Status);
                return Results.LocalRedirect($"{back}?uploadFailed={(int)uploaded.Status}");
            }

            return Results.LocalRedirect($"{back}?uploaded={Uri.EscapeDataString(artifact.FileName)}");
        }).ExcludeFromDescription();
        return app;
    }
}
