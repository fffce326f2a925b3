using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing;
using Federation.Testing.Hosts;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Catalogue.Tests;

/// <summary>The catalogue in the test process on a database and vhost of its own; events reach it through the real broker.</summary>
public sealed class CatalogueHost : IFreshHost<CatalogueHost>
{
    private readonly WebApplicationFactory<Program> factory;
    private bool handedOver;

    private CatalogueHost(string database, string virtualHost, IReadOnlyDictionary<string, string>? settings, System.Net.IPAddress? clientAddress = null)
    {
        Database = database;
        VirtualHost = virtualHost;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Catalogue", LocalInfrastructure.ConnectionString(database));
            web.UseSetting("RabbitMq:Port", LocalInfrastructure.RabbitPort);
            web.UseSetting("RabbitMq:VirtualHost", virtualHost);
            web.UseSetting("RabbitMq:Password", LocalInfrastructure.BrokerPassword);
            web.UseSetting("Sync:GapGrace", "00:00:01");
            // These specs are about what the catalogue makes of hubs' events, published here unsigned under made-up
            // hub ids; who may send them is the federation's concern, proven against a real authority in
            // IntegrationTests (EvilHubSpecs, MembershipChangeSpecs). Development alone lets checking be off.
            web.UseSetting("Federation:Messages:Verify", "false");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }

            // The test server has no socket, so no client address; requests come from loopback, as they do for real.
            web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new LoopbackClients(clientAddress ?? System.Net.IPAddress.Loopback)));
        });
    }

    public string Database { get; }

    public string VirtualHost { get; }

    public HttpClient Client { get; private set; } = null!;

    /// <param name="settings">Configuration beside the test defaults, e.g. smaller search bounds.</param>
    /// <param name="clientAddress">The address requests come from (default loopback), e.g. loopback as a dual-stack socket shows it.</param>
    public static async Task<CatalogueHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, System.Net.IPAddress? clientAddress = null)
    {
        var host = new CatalogueHost(
            await LocalInfrastructure.CreateDatabaseAsync("cattest"), await LocalInfrastructure.CreateVirtualHostAsync("cattest"), settings, clientAddress);
        return await host.ReadyAsync();
    }

    static Task<CatalogueHost> IFreshHost<CatalogueHost>.StartAsync() => StartAsync();

    /// <summary>Stops this catalogue and starts a new one on the same database and vhost, as a deployment does; the new one owns them.</summary>
    public async Task<CatalogueHost> RestartAsync()
    {
        handedOver = true;
        Client.Dispose();
        await factory.DisposeAsync();
        return await new CatalogueHost(Database, VirtualHost, null).ReadyAsync();
    }

    private async Task<CatalogueHost> ReadyAsync()
    {
        Client = factory.CreateClient();
        await Eventually.Until(async () => (await Client.GetAsync("/health/ready")).IsSuccessStatusCode, ok => ok, what: "the catalogue to be ready");
        return this;
    }

    /// <summary>A client that shows redirects instead of following them.</summary>
    public HttpClient ClientSeeingRedirects() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A service of this catalogue, for specs of one of its parts against its real database.</summary>
    public T Service<T>()
        where T : notnull => factory.Services.GetRequiredService<T>();

    /// <summary>A second instance of one of this catalogue's services, as another replica would have on the same database.</summary>
    public T AnotherInstance<T>()
        where T : notnull => ActivatorUtilities.CreateInstance<T>(factory.Services);

    /// <summary>Publishes as a hub would, through the broker, so delivery is as real as it gets.</summary>
    public Task PublishAsync(object message) => factory.Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>A search that must succeed; a refusal fails the test with the problem details the catalogue gave.</summary>
    public async Task<JsonElement> SearchAsync(string query)
    {
        var response = await Client.GetAsync($"/search?{query}");
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new HttpRequestException($"GET /search?{query} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Waits for the search as typed to answer as expected; hits of a spelling-corrected text answer another question
    /// (a word not yet in the catalogue would be "corrected" to a like word of another resource).
    /// </summary>
    public async Task<JsonElement> WaitForSearchAsync(string query, Func<JsonElement, bool> done, string what) =>
        await Eventually.Until(() => SearchAsync(query), result => result.GetProperty("correctedText").ValueKind == JsonValueKind.Null && done(result),
            TimeSpan.FromSeconds(20), what);

    public static IEnumerable<string> Titles(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString()!);

    public async ValueTask DisposeAsync()
    {
        if (handedOver)
        {
            return;
        }

        Client.Dispose();
        await factory.DisposeAsync();
        await LocalInfrastructure.DropDatabaseAsync(Database);
        await LocalInfrastructure.DeleteVirtualHostAsync(VirtualHost);
    }

    public static string NewHubId() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static ResourceSnapshot Resource(string hub, string title, int version = 2, ResourceState state = ResourceState.Published,
        ResourceKind kind = ResourceKind.Dataset, string licence = "CC-BY-4.0", AccessPolicy access = AccessPolicy.Open,
        string[]? keywords = null, string[]? themes = null, Guid? id = null, string summary = "", string description = "") =>
        Snapshots.Of(id ?? Guid.NewGuid(), version, title, state, hub, kind, licence, access, keywords, themes, summary, description);
}

/// <summary>Gives every request of the test server the address a real local client would have (loopback, unless told otherwise).</summary>
internal sealed class LoopbackClients(System.Net.IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= address;
            return following(context);
        });
        next(app);
    };
}
