using System.Security.Cryptography;
using Federation.Clients.Authority;
using Federation.Contracts.Authority;
using Federation.Trust;

namespace Federation.Testing;

/// <summary>
/// The federation authority as its own process on a database of its own, with an anchor key made for the run, and
/// the keys of the members it admits: what every hub, the catalogue and the portal of a <see cref="LocalFederation"/>
/// trust, exactly as the run script sets it up.
/// </summary>
public sealed class LocalAuthority : IAsyncDisposable
{
    private readonly string folder;
    private readonly string database;

    private Dictionary<string, string> environment;

    private LocalAuthority(string folder, string database, ServiceProcess process, string adminSecret, Dictionary<string, string> environment)
    {
        this.folder = folder;
        this.database = database;
        this.environment = environment;
        Process = process;
        AdminSecret = adminSecret;
    }

    public ServiceProcess Process { get; private set; }

    /// <summary>The operators' secret, for specs that suspend or remove a member.</summary>
    public string AdminSecret { get; }

    public string AnchorPublicKeyFile => Path.Combine(folder, "authority.pem.pub");

    public AuthorityClient Client => new(Process.Http, AdminSecret);

    public static async Task<LocalAuthority> CreateAsync(string name)
    {
        var folder = Directory.CreateTempSubdirectory("federation-authority-").FullName;
        var database = await LocalInfrastructure.CreateDatabaseAsync($"{name}auth");
        using (var anchor = FederationKey.Generate())
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "authority.pem"), anchor.ToPem());
            await File.WriteAllTextAsync(Path.Combine(folder, "authority.pem.pub"), anchor.ToPublicPem());
        }

        var port = FreePorts.Next();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Authority"] = LocalInfrastructure.ConnectionString(database),
            ["Authority__EntityId"] = $"http://127.0.0.1:{port}",
            ["Authority__SigningKeyFiles__0"] = Path.Combine(folder, "authority.pem"),
            ["Authority__AdminSecret"] = secret,
            // Short statements, so that specs of expiry need not wait an hour.
            ["Authority__StatementLifetime"] = "00:05:00",
        };
        var process = new ServiceProcess($"authority-{name}", "Authority", "Federation.Authority.dll", port, environment);
        var authority = new LocalAuthority(folder, database, process, secret, environment);
        try
        {
            await process.StartAsync();
        }
        catch
        {
            await authority.DisposeAsync();
            throw;
        }

        return authority;
    }

    /// <summary>The settings with which a node trusts this authority: its address and its public key, nothing else.</summary>
    public Dictionary<string, string> TrustSettings(TimeSpan refresh) => new()
    {
        ["Federation__Authority__Url"] = Process.BaseUrl.AbsoluteUri,
        ["Federation__Authority__PublicKeyFiles__0"] = AnchorPublicKeyFile,
        ["Federation__Authority__RefreshInterval"] = refresh.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Stops the authority and starts it again on the same port and database with some settings changed (its signing
    /// keys during a rollover, say), as a redeployment would.
    /// </summary>
    public async Task RedeployAsync(IReadOnlyDictionary<string, string> changes)
    {
        environment = new Dictionary<string, string>(environment);
        foreach (var (key, value) in changes)
        {
            environment[key] = value;
        }

        var old = Process;
        await old.DisposeAsync();
        Process = new ServiceProcess(old.Name, "Authority", "Federation.Authority.dll", old.Port, environment);
        await Process.StartAsync();
    }

    /// <summary>A new federation key in this authority's folder: its private file (the public half beside it, <c>.pub</c>).</summary>
    public async Task<string> NewKeyAsync(string name)
    {
        var keyFile = Path.Combine(folder, $"{name}.pem");
        using var key = FederationKey.Generate();
        await File.WriteAllTextAsync(keyFile, key.ToPem());
        await File.WriteAllTextAsync(keyFile + ".pub", key.ToPublicPem());
        return keyFile;
    }

    /// <summary>
    /// Admits (or changes) a hub (or, with <paramref name="kind"/>, a compute facility) at <paramref name="publicUrl"/>
    /// with the public halves of <paramref name="keyFiles"/>, in order.
    /// </summary>
    public Task AdmitHubAsync(string hubId, string displayName, Uri publicUrl, IEnumerable<string> keyFiles, string kind = MemberMetadata.HubKind) =>
        Client.AdmitAsync(hubId, new MemberAdmission(publicUrl, displayName, kind, publicUrl, publicUrl,
            [.. keyFiles.Select(file => File.ReadAllText(file + ".pub"))]), CancellationToken.None).EnsureSuccessAsync();

    /// <summary>Makes a federation key for a hub or facility (its private file, returned) and admits it with the public half.</summary>
    public async Task<string> AdmitHubAsync(string hubId, string displayName, Uri publicUrl, string kind = MemberMetadata.HubKind)
    {
        var keyFile = await NewKeyAsync(hubId);
        await AdmitHubAsync(hubId, displayName, publicUrl, [keyFile], kind);
        return keyFile;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await LocalInfrastructure.DropDatabaseAsync(database);
        Directory.Delete(folder, recursive: true);
    }
}
