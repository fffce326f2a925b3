using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>
/// A hub outside Development: its keys come from configured certificates (two during a rollover, both published),
/// staff act with real tokens, and a token signed with any other key opens nothing.
/// </summary>
public sealed class ProductionAuthorizationSpecs : SpecsOnAFresh<HubHost>
{
    private readonly string certificates = Directory.CreateTempSubdirectory("hub-certs-").FullName;

    public override async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:SigningCertificates:0:Path"] = WriteCertificate("signing-old", "old-signing", TimeSpan.FromDays(30)),
            ["Identity:SigningCertificates:0:Password"] = "old-signing",
            ["Identity:SigningCertificates:1:Path"] = WriteCertificate("signing-new", "new-signing", TimeSpan.FromDays(365)),
            ["Identity:SigningCertificates:1:Password"] = "new-signing",
            ["Identity:EncryptionCertificates:0:Path"] = WriteCertificate("encryption", "encryption", TimeSpan.FromDays(365)),
            ["Identity:EncryptionCertificates:0:Password"] = "encryption",
            ["Federation:KeyFiles:0"] = WriteFederationKey(),
        };
        Host = await HubHost.StartAsync(environment: "Production", settings: settings);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(certificates, recursive: true);
    }

    [Fact]
    public async Task Both_signing_keys_of_a_rollover_are_published()
    {
        using var client = Host.CreateClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");

        var signingKeys = jwks.GetProperty("keys").EnumerateArray().Where(key => key.GetProperty("use").GetString() == "sig").ToList();
        Assert.Equal(2, signingKeys.Count);
    }

    [Fact]
    public async Task Staff_with_a_real_token_can_write()
    {
        using var client = await Host.CreateClientAsync("staff");

        var response = await new HubClient(client).CreateResourceAsync(ResourceJson.Dataset(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_writes_nothing()
    {
        var genuine = await Host.SignInAsync("staff");
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedTokens.Resigned(genuine.AccessToken));

        var response = await new HubClient(client).CreateResourceAsync(ResourceJson.Dataset(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_hub_without_certificates_does_not_start_outside_development()
    {
        var settings = new Dictionary<string, string?> { ["Federation:KeyFiles:0"] = WriteFederationKey() };

        var exception = await Record.ExceptionAsync(async () => await (await HubHost.StartAsync(environment: "Production", settings: settings)).DisposeAsync());

        Assert.NotNull(exception);
        Assert.Contains("Identity:SigningCertificates", exception.ToString(), StringComparison.Ordinal);
    }

    // Outside Development a hub signs its messages only with a key of its own that an authority could vouch for.
    private string WriteFederationKey()
    {
        using var key = Federation.Trust.FederationKey.Generate();
        var path = Path.Combine(certificates, $"federation-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, key.ToPem());
        return path;
    }

    private string WriteCertificate(string name, string password, TimeSpan validity)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Test hub {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.Add(validity));
        var path = Path.Combine(certificates, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
