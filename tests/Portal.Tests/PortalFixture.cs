using Federation.Contracts.Hub;
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
        // The catalogue sends browsers that resolve a persistent URI on to this portal.
        federation = await LocalFederation.CreateAsync("portal", catalogueSettings: new Dictionary<string, string> { ["Identifiers__PortalUrl"] = portalUrl }, hubSettings: new Dictionary<string, string>
        {
            ["Hub__SeedDemoData"] = "true",
            ["Hub__HeartbeatInterval"] = "00:00:01",
            ["Hub__ActivityInterval"] = "00:00:01",
            ["Identity__Clients__federation-portal__RedirectUris__0"] = $"{portalUrl}signin-oidc",
            ["Identity__Clients__federation-portal__PostLogoutRedirectUris__0"] = portalUrl,
        }, settingsOfHub: hubId => LocalInstitutions.HubSettings(hubId, "__"), withFacility: true);
        Portal = new ServiceProcess("portal", "Portal", "Federation.Portal.dll", portalPort, new Dictionary<string, string>
        {
            ["Catalogue__Url"] = federation.Catalogue.BaseUrl.ToString(),
            ["SignIn__PublicUrl"] = portalUrl,
        }.Concat(federation.Authority.TrustSettings(LocalFederation.MembershipRefresh)).ToDictionary());
        await Portal.StartAsync();
        await Eventually.Until(() => federation.Catalogue.CatalogueClient().HubsAsync(CancellationToken.None).EnsureSuccessAsync(),
            hubs => hubs.Count == LocalFederation.HubIds.Length + 1 && hubs.All(h => h.InSync && h.ResourceCount > 0),
            TimeSpan.FromSeconds(120), "every hub's and the AI factory's demo data in the catalogue");

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
        var staff = federation.Hubs[hubId].StaffClient();
        var id = (await staff.CreateResourceAsync(resource, CancellationToken.None).EnsureSuccessAsync()).Id;
        await staff.PublishAsync(id, version: null, CancellationToken.None).EnsureSuccessAsync();
        await Eventually.Until(() => Catalogue.CatalogueClient().GetResourceAsync(id, CancellationToken.None), r => r.Succeeded, TimeSpan.FromSeconds(30),
            "the resource to reach the catalogue");
        return id;
    }

    /// <summary>Uploads a file for a resource as the hub's staff.</summary>
    public async Task UploadAsync(string hubId, Guid resourceId, string fileName, byte[] bytes, string mediaType = "application/octet-stream")
    {
        await federation.Hubs[hubId].StaffClient()
            .UploadArtifactAsync(resourceId, fileName, new MemoryStream(bytes), mediaType, bytes.Length, CancellationToken.None)
            .EnsureSuccessAsync();
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
