using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// The whole federation as processes (seven hubs with their demo data, the catalogue) with the portal in front of
/// it, and a real Chromium (Debian's) driven by Playwright. The pages are looked at the way a person would see them.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; infra/test.sh installs it. Playwright needs no browser of its own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private LocalFederation federation = null!;
    private IPlaywright playwright = null!;

    public ServiceProcess Portal { get; private set; } = null!;

    public ServiceProcess Catalogue => federation.Catalogue;

    public IReadOnlyDictionary<string, ServiceProcess> Hubs => federation.Hubs;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of the main pages go, for people to review: beside the test results.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(LocalInfrastructure.RepositoryRoot, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        // The portal's address is chosen first: every hub must know it as the redirect URI of the portal's client.
        var portalPort = FreePorts.Next();
        var portalUrl = $"http://127.0.0.1:{portalPort}/";
        federation = await LocalFederation.CreateAsync("portal", hubSettings: new Dictionary<string, string>
        {
            ["Hub__SeedDemoData"] = "true",
            ["Hub__HeartbeatInterval"] = "00:00:01",
            ["Federation__RefreshInterval"] = "00:00:01",
            ["Identity__Clients__federation-portal__RedirectUris__0"] = $"{portalUrl}signin-oidc",
            ["Identity__Clients__federation-portal__PostLogoutRedirectUris__0"] = portalUrl,
        });
        Portal = new ServiceProcess("portal", "Portal", "Federation.Portal.dll", portalPort, new Dictionary<string, string>
        {
            ["Catalogue__Url"] = federation.Catalogue.BaseUrl.ToString(),
            ["SignIn__PublicUrl"] = portalUrl,
        });
        await Portal.StartAsync();
        await Eventually.Until(() => federation.Catalogue.Http.GetFromJsonAsync<JsonElement>("hubs"),
            hubs => hubs.GetArrayLength() == LocalFederation.HubIds.Length && hubs.EnumerateArray().All(h => h.GetProperty("inSync").GetBoolean()
                && h.GetProperty("resourceCount").GetInt32() > 0),
            TimeSpan.FromSeconds(120), "every hub's demo data in the catalogue");

        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser session (own cookies) in the given language, at the portal.</summary>
    public async Task<IPage> OpenAsync(string language = "nl", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseUrl.ToString(),
            Locale = language,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // A deadline, not a speed check: on a shared two-core machine running seven hubs, a catalogue, a portal and
        // Chromium, a page that asks several hubs has been seen to take over 15 s once in a while.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Publishes a resource at a hub as its staff (through the hub's API) and waits until the catalogue has it.</summary>
    public async Task<Guid> PublishAsync(string hubId, ResourceInput resource)
    {
        var hub = federation.Hubs[hubId];
        var staff = new HubClient(hub.Http, async _ => (await hub.StaffAuthorizationAsync()).Parameter);
        var created = await staff.CreateResourceAsync(resource, CancellationToken.None);
        if (created.Value is not { } draft)
        {
            throw new InvalidOperationException($"The hub refused the test's resource: {string.Join("; ", created.Problem!.Reasons())}");
        }

        var id = draft.Id;
        var published = await staff.PublishAsync(id, version: null, CancellationToken.None);
        if (!published.Succeeded)
        {
            throw new HttpRequestException($"The hub did not publish the test's resource: {published.Status}", null, published.Status);
        }

        await Eventually.Until(() => Catalogue.Http.GetAsync($"resources/{id}"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30),
            "the resource to reach the catalogue");
        return id;
    }

    /// <summary>Uploads a file for a resource as the hub's staff.</summary>
    public async Task UploadAsync(string hubId, Guid resourceId, string fileName, byte[] bytes)
    {
        var hub = federation.Hubs[hubId];
        using var upload = new HttpRequestMessage(HttpMethod.Put, $"resources/{resourceId}/artifacts/{fileName}") { Content = new ByteArrayContent(bytes) };
        upload.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        upload.Headers.Authorization = await hub.StaffAuthorizationAsync();
        using var uploaded = await hub.Http.SendAsync(upload);
        uploaded.EnsureSuccessStatusCode();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        await federation.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
