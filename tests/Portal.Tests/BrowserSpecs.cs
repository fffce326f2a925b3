using Federation.Contracts.Hub;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// What the browser specs share: the federation with its portal, started once for all of them, and fresh browser
/// sessions on it.
/// </summary>
[Collection(PortalCollection.Name)]
public abstract class BrowserSpecs(PortalFixture portal)
{
    protected ServiceProcess Catalogue => portal.Catalogue;

    /// <summary>The hub <paramref name="hubId"/> of the portal's federation.</summary>
    protected ServiceProcess Hub(string hubId) => portal.Hubs[hubId];

    /// <summary>Whether <paramref name="url"/> is a page of the portal (not of a hub or a provider it sent the browser to).</summary>
    protected bool IsPortalPage(string url) => url.StartsWith(portal.Portal.BaseUrl.ToString(), StringComparison.Ordinal);

    /// <summary>
    /// A fresh browser session (own cookies) in <paramref name="language"/> on a screen of the given size, at
    /// <paramref name="path"/> of the portal (without a path, on no page yet).
    /// </summary>
    protected async Task<IPage> OpenAsync(string language, string? path = null, int width = 1280, int height = 900)
    {
        var page = await portal.OpenAsync(language, width, height);
        if (path is not null)
        {
            await page.GotoAsync(path);
        }

        return page;
    }

    /// <inheritdoc cref="PortalFixture.PublishAsync"/>
    protected Task<Guid> PublishAsync(string hubId, ResourceInput resource) => portal.PublishAsync(hubId, resource);

    /// <inheritdoc cref="PortalFixture.UploadAsync"/>
    protected Task UploadAsync(string hubId, Guid resourceId, string fileName, byte[] bytes, string mediaType = "application/octet-stream") =>
        portal.UploadAsync(hubId, resourceId, fileName, bytes, mediaType);
}
