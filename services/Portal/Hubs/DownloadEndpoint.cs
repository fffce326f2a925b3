using Federation.Portal.SignIn;
using Microsoft.Net.Http.Headers;

namespace Federation.Portal.Hubs;

/// <summary>
/// GET /download/{hub}/{resource}/{artifact}: a file streamed from the hub that holds it, with the member's token
/// there, so that the hub checks the policy and grant and records the download, as it would for any client. The
/// file passes through; the portal keeps nothing of it. It is always a download, never shown in the portal's origin:
/// a hub's file (or a hub that is careless or hostile) could otherwise run script as the portal, where members are
/// signed in.
/// </summary>
public static class DownloadEndpoint
{
    private static readonly string[] PassedOn = ["Repr-Digest", "ETag", "Last-Modified"];

    public static WebApplication MapDownloads(this WebApplication app)
    {
        app.MapGet("/download/{hubId}/{resourceId:guid}/{artifactId:guid}", async (string hubId, Guid resourceId, Guid artifactId, HttpContext http,
            HubGateway gateway, CancellationToken cancellationToken) =>
        {
            var back = $"/resources/{resourceId}";
            // Signed in, the member's token goes along; otherwise the hub serves what it serves to anyone (open files).
            var client = http.User.IsSignedIn() ? await gateway.ClientForAsync(http, hubId, cancellationToken)
                : await gateway.AnonymousClientForAsync(hubId, cancellationToken);
            if (client is null)
            {
                return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(back)}");
            }

            if ((await gateway.CallAsync(client, hubId, (hub, token) => hub.OpenArtifactAsync(resourceId, artifactId, token), cancellationToken)).Value
                is not { } response)
            {
                return Results.LocalRedirect(http.User.IsSignedIn() ? back : $"/sign-in?returnUrl={Uri.EscapeDataString(back)}");
            }

            foreach (var header in PassedOn)
            {
                if (response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values))
                {
                    http.Response.Headers[header] = values.ToArray();
                }
            }

            // Whatever the hub says, an attachment with the file's name (the hub's, else the artifact id), and no sniffing
            // a type into the file that the browser would render.
            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(name ?? $"{artifactId}");
            http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            // And should a browser show it all the same, as a sandboxed document that runs and loads nothing.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.ContentLength = response.Content.Headers.ContentLength;
            http.Response.RegisterForDispose(response);
            return Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken),
                response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
        }).ExcludeFromDescription();
        return app;
    }
}
