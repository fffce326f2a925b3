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

    private AuthorityHost(string database) => Database = database;

    public string Database { get; }

    public string AdminSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>The authority's signing key (the first of its files), as verifiers are configured with its public half.</summary>
    public FederationKey Key { get; } = FederationKey.Generate();

    public TrustAnchor Anchor => new(EntityId, [Key.PublicKey]);

    public static async Task<AuthorityHost> StartAsync()
    {
        var host = new AuthorityHost(await LocalInfrastructure.CreateDatabaseAsync("authority"));
        var keyFile = Path.Combine(host.keyFolder, "authority.pem");
        await File.WriteAllTextAsync(keyFile, host.Key.ToPem());
        host.factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Authority", LocalInfrastructure.ConnectionString(host.Database));
            web.UseSetting("Authority:EntityId", EntityId.AbsoluteUri);
            web.UseSetting("Authority:SigningKeyFiles:0", keyFile);
            web.UseSetting("Authority:AdminSecret", host.AdminSecret);
            web.UseSetting("Authority:StatementLifetime", "00:15:00");
        });
        _ = host.factory.Server;
        return host;
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
        await factory.DisposeAsync();
        Key.Dispose();
        Directory.Delete(keyFolder, recursive: true);
        await LocalInfrastructure.DropDatabaseAsync(Database);
    }
}
