using Federation.Portal.SignIn;

namespace Federation.Portal.Hubs;

/// <summary>
/// GET /download/{hub}/{resource}/{artifact}: a file streamed from the hub that holds it, with the member's token
/// there, so that the hub checks the policy and grant and records the download, as it would for any client. The
/// file passes through; the portal keeps nothing of it.
/// </summary>
public static class DownloadEndpoint
{
    private static readonly string[] PassedOn = ["Content-Disposition", "Repr-Digest", "ETag", "Last-Modified"];

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

            http.Response.ContentLength = response.Content.Headers.ContentLength;
            http.Response.RegisterForDispose(response);
            return Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken),
                response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
        }).ExcludeFromDescription();
        return app;
    }
}
