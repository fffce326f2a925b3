using Federation.Testing;
using Federation.Testing.Hosts;
using Federation.Trust;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Federation.Authority.Tests;

/// <summary>The federation authority in the test process, on a database of its own, with a signing key made for it.</summary>
public sealed class AuthorityHost : IFreshHost<AuthorityHost>
{
    public static readonly Uri EntityId = new("https://authority.federation.test");

    private readonly string keyFolder = Directory.CreateTempSubdirectory("authority-keys-").FullName;
    private WebApplicationFactory<Program> factory = null!;
    private IReadOnlyDictionary<string, string> settings = new Dictionary<string, string>();

    private AuthorityHost(string database) => Database = database;

    public string Database { get; }

    public string AdminSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>The authority's signing key (the first of its files), as verifiers are configured with its public half.</summary>
    public FederationKey Key { get; } = FederationKey.Generate();

    public TrustAnchor Anchor => new(EntityId, [Key.PublicKey]);

    public static Task<AuthorityHost> StartAsync() => StartAsync(settings: null);

    /// <summary>An authority with settings of the spec's own beside the usual ones (a seed file, say).</summary>
    public static async Task<AuthorityHost> StartAsync(IReadOnlyDictionary<string, string>? settings)
    {
        var host = new AuthorityHost(await LocalInfrastructure.CreateDatabaseAsync("authority")) { settings = settings ?? new Dictionary<string, string>() };
        await File.WriteAllTextAsync(host.KeyFile, host.Key.ToPem());
        try
        {
            host.Start();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Stops the authority and starts it again on the same database and settings, as a redeployment would.</summary>
    public async Task RestartAsync()
    {
        await factory.DisposeAsync();
        Start();
    }

    private string KeyFile => Path.Combine(keyFolder, "authority.pem");

    private void Start()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Authority", LocalInfrastructure.ConnectionString(Database));
            web.UseSetting("Authority:EntityId", EntityId.AbsoluteUri);
            web.UseSetting("Authority:SigningKeyFiles:0", KeyFile);
            web.UseSetting("Authority:AdminSecret", AdminSecret);
            web.UseSetting("Authority:StatementLifetime", "00:15:00");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _ = factory.Server;
    }

    /// <summary>A client of anyone: what members and verifiers read.</summary>
    public HttpClient CreateClient() => factory.CreateClient();

    /// <summary>A client of the federation's operators, with their secret.</summary>
    public HttpClient CreateAdminClient(string? secret = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret ?? AdminSecret);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        Key.Dispose();
        Directory.Delete(keyFolder, recursive: true);
        await LocalInfrastructure.DropDatabaseAsync(Database);
    }
}
