using System.Globalization;
using Federation.Contracts;
using Federation.Trust;

namespace Federation.Testing;

/// <summary>
/// All seven hubs and the catalogue as separate processes on the local PostgreSQL and RabbitMQ, with databases and
/// a vhost of their own, started from the built binaries, and the federation authority that admitted each hub (with
/// a federation key made for it) and whose key alone every node trusts. Used by the integration suite and the benchmarks.
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    public static readonly (string Id, string Name)[] HubIds =
    [
        ("zuid-holland", "AI-hub Zuid-Holland"), ("noord-nederland", "AI-hub Noord-Nederland"),
        ("oost-nederland", "AI-hub Oost Nederland"), ("brainport", "AI-hub Brainport"),
        ("midden-nederland", "AI-hub Midden-Nederland"), ("amsterdam", "AI-hub Amsterdam"), ("brightlands", "AI-hub Brightlands"),
    ];

    /// <summary>The AI factory: a member node of kind facility, started beside the hubs when a suite asks for it.</summary>
    public static readonly (string Id, string Name) Facility = ("ai-factory-groningen", "AI-fabriek Groningen");

    private readonly List<string> databases = [];
    private readonly Dictionary<string, string> brokerPasswords = [];
    private readonly Dictionary<string, Dictionary<string, string>> hubEnvironments = [];
    private IReadOnlyDictionary<string, string> catalogueEnvironment = new Dictionary<string, string>();

    private LocalFederation()
    {
    }

    public ServiceProcess Catalogue { get; private set; } = null!;

    public LocalAuthority Authority { get; private set; } = null!;

    /// <summary>How often every node reads the authority again: short, so that specs of suspension need not wait long.</summary>
    public static readonly TimeSpan MembershipRefresh = TimeSpan.FromSeconds(3);

    public Dictionary<string, ServiceProcess> Hubs { get; } = [];

    public Dictionary<string, string> HubDatabases { get; } = [];

    /// <summary>Each hub's federation key (its private PEM file), as a spec acting as that hub (or as its thief) needs it.</summary>
    public Dictionary<string, string> HubKeyFiles { get; } = [];

    /// <summary>Further catalogue processes started by <see cref="StartCatalogueReplicaAsync"/>, on the same database and queue.</summary>
    public List<ServiceProcess> CatalogueReplicas { get; } = [];

    /// <summary>Further silos started by <see cref="StartSiloAsync"/>, beside each hub's first.</summary>
    public List<ServiceProcess> ExtraSilos { get; } = [];

    public string CatalogueDatabase { get; private set; } = "";

    public string VirtualHost { get; private set; } = "";

    /// <summary>
    /// Creates the databases and vhost; <paramref name="start"/> false leaves the processes for the caller to start.
    /// <paramref name="hubs"/> names the hubs to run (all seven unless given), for suites that need only one;
    /// <paramref name="settingsOfHub"/> adds settings that differ per hub (given its id); <paramref name="withFacility"/>
    /// starts the AI factory (<see cref="Facility"/>) too, one more node in <see cref="Hubs"/>.
    /// </summary>
    public static async Task<LocalFederation> CreateAsync(string name, IReadOnlyDictionary<string, string>? catalogueSettings = null,
        IReadOnlyDictionary<string, string>? hubSettings = null, bool start = true, IReadOnlyCollection<string>? hubs = null,
        Func<string, IEnumerable<KeyValuePair<string, string>>>? settingsOfHub = null, bool withFacility = false)
    {
        var federation = new LocalFederation { VirtualHost = await LocalInfrastructure.CreateVirtualHostAsync(name) };
        federation.Authority = await LocalAuthority.CreateAsync(name);
        var trust = federation.Authority.TrustSettings(MembershipRefresh);
        federation.CatalogueDatabase = await federation.CreateDatabaseAsync($"{name}cat");
        var catalogueAccount = await federation.CreateBrokerUserAsync("catalogue", BrokerPermissions.ForCatalogue());
        var catalogue = new Dictionary<string, string>(federation.Broker(catalogueAccount).Concat(trust))
        {
            ["ConnectionStrings__Catalogue"] = LocalInfrastructure.ConnectionString(federation.CatalogueDatabase),
        };
        foreach (var (key, value) in catalogueSettings ?? new Dictionary<string, string>())
        {
            catalogue[key] = value;
        }

        federation.catalogueEnvironment = catalogue;
        federation.Catalogue = new ServiceProcess("catalogue", "Catalogue", "Federation.Catalogue.dll", FreePorts.Next(), catalogue);
        var members = HubIds.Where(hub => hubs is null || hubs.Contains(hub.Id)).Select(hub => (hub.Id, hub.Name, Kind: MemberMetadata.HubKind))
            .Concat(withFacility ? [(Facility.Id, Facility.Name, MemberMetadata.FacilityKind)] : []);
        foreach (var (id, displayName, kind) in members)
        {
            var port = FreePorts.Next();
            federation.HubDatabases[id] = await federation.CreateDatabaseAsync($"{name}hub");
            var publicUrl = new Uri($"http://127.0.0.1:{port}");
            var hubAccount = await federation.CreateBrokerUserAsync($"hub-{id}", BrokerPermissions.ForHub(id));
            var hub = new Dictionary<string, string>(federation.Broker(hubAccount).Concat(trust))
            {
                ["Federation__KeyFiles__0"] = federation.HubKeyFiles[id] = await federation.Authority.AdmitHubAsync(id, displayName, publicUrl, kind),
                ["Hub__Id"] = id,
                ["Hub__Kind"] = kind,
                ["Hub__DisplayName"] = displayName,
                ["Hub__PublicUrl"] = publicUrl.AbsoluteUri.TrimEnd('/'),
                // As the hubs run: the application role, which owns nothing, and the owner for the schema steps.
                ["ConnectionStrings__Hub"] = LocalInfrastructure.ApplicationConnectionString(federation.HubDatabases[id]),
                ["ConnectionStrings__HubOwner"] = LocalInfrastructure.ConnectionString(federation.HubDatabases[id]),
                ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                ["Federation__CatalogueUrl"] = federation.Catalogue.BaseUrl.ToString(),
                // The catalogues specs harvest are served on this machine.
                ["Harvest__AllowPrivateAddresses"] = "true",
                ["Harvest__PollInterval"] = "00:00:00.500",
            };
            foreach (var (key, value) in StaffTokens.HubIdentitySettings())
            {
                hub[key] = value;
            }

            foreach (var (key, value) in (hubSettings ?? new Dictionary<string, string>()).Concat(settingsOfHub?.Invoke(id) ?? []))
            {
                hub[key] = value;
            }

            federation.hubEnvironments[id] = hub;
            federation.Hubs[id] = new ServiceProcess($"hub-{id}", "Hub", "Federation.Hub.dll", port, hub);
        }

        if (start)
        {
            try
            {
                await Task.WhenAll(federation.Hubs.Values.Select(h => h.StartAsync()).Append(federation.Catalogue.StartAsync()));
            }
            catch
            {
                // A federation that did not come up must not leave processes behind for the next run to trip over.
                await federation.DisposeAsync();
                throw;
            }
        }

        return federation;
    }

    /// <summary>
    /// Starts one more silo of a hub: the same database, broker and public URL (the address a load balancer would
    /// give), its own HTTP, silo and gateway ports. It joins the hub's cluster through the membership table.
    /// </summary>
    public async Task<ServiceProcess> StartSiloAsync(string hubId)
    {
        var environment = new Dictionary<string, string>(hubEnvironments[hubId])
        {
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        };
        var silo = new ServiceProcess($"hub-{hubId}-silo{ExtraSilos.Count + 2}", "Hub", "Federation.Hub.dll", FreePorts.Next(), environment);
        ExtraSilos.Add(silo);
        await silo.StartAsync();
        return silo;
    }

    /// <summary>
    /// Stops a hub and starts it again on the same port, database and queue with some settings changed (its federation
    /// keys during a rollover, say), as a redeployment of that hub would.
    /// </summary>
    /// <param name="removed">Settings the hub no longer gets (a key dropped from a list, say).</param>
    public async Task<ServiceProcess> RedeployHubAsync(string hubId, IReadOnlyDictionary<string, string> changes, IEnumerable<string>? removed = null)
    {
        var environment = Changed(hubEnvironments[hubId], changes, removed);

        var old = Hubs[hubId];
        await old.DisposeAsync();
        hubEnvironments[hubId] = environment;
        Hubs[hubId] = new ServiceProcess(old.Name, "Hub", "Federation.Hub.dll", old.Port, environment);
        await Hubs[hubId].StartAsync();
        return Hubs[hubId];
    }

    /// <summary>Stops the catalogue and starts it again on the same port, database and queue with some settings changed.</summary>
    public async Task RedeployCatalogueAsync(IReadOnlyDictionary<string, string> changes, IEnumerable<string>? removed = null)
    {
        var environment = Changed(catalogueEnvironment, changes, removed);

        var port = Catalogue.Port;
        await Catalogue.DisposeAsync();
        catalogueEnvironment = environment;
        Catalogue = new ServiceProcess("catalogue", "Catalogue", "Federation.Catalogue.dll", port, environment);
        await Catalogue.StartAsync();
    }

    private static Dictionary<string, string> Changed(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> changes, IEnumerable<string>? removed)
    {
        var changed = new Dictionary<string, string>(environment);
        foreach (var (key, value) in changes)
        {
            changed[key] = value;
        }

        foreach (var key in removed ?? [])
        {
            changed.Remove(key);
        }

        return changed;
    }

    /// <summary>Starts one more catalogue on the first one's database and queue, as a scaled-out deployment runs.</summary>
    public async Task<ServiceProcess> StartCatalogueReplicaAsync()
    {
        var replica = new ServiceProcess($"catalogue-{CatalogueReplicas.Count + 2}", "Catalogue", "Federation.Catalogue.dll", FreePorts.Next(), catalogueEnvironment);
        CatalogueReplicas.Add(replica);
        await replica.StartAsync();
        return replica;
    }

    /// <summary>Empties a (stopped) hub's database, as a restore from an empty backup would.</summary>
    public async Task ResetHubDatabaseAsync(string hubId)
    {
        await LocalInfrastructure.DropDatabaseAsync(HubDatabases[hubId]);
        await LocalInfrastructure.CreateDatabaseAsync(HubDatabases[hubId], exactName: true);
    }

    /// <summary>Empties the catalogue's database, as if it were new.</summary>
    public async Task ResetCatalogueDatabaseAsync()
    {
        await LocalInfrastructure.DropDatabaseAsync(CatalogueDatabase);
        await LocalInfrastructure.CreateDatabaseAsync(CatalogueDatabase, exactName: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Hubs.Values.Concat(ExtraSilos).Concat(CatalogueReplicas).Append(Catalogue).Select(process => process.DisposeAsync().AsTask()));
        await Authority.DisposeAsync();
        foreach (var database in databases)
        {
            await LocalInfrastructure.DropDatabaseAsync(database);
        }

        await LocalInfrastructure.DeleteVirtualHostAsync(VirtualHost);
        foreach (var user in brokerPasswords.Keys)
        {
            await LocalInfrastructure.DeleteBrokerUserAsync(user);
        }
    }

    /// <summary>The broker account member <paramref name="memberId"/> publishes as in this federation (one per vhost, so runs never share one).</summary>
    public string BrokerUser(string memberId) => string.Format(CultureInfo.InvariantCulture, MemberUserFormat, memberId);

    /// <summary>The account and password of a hub of this federation, as a spec acting as that hub (or as its thief) needs them.</summary>
    public (string User, string Password) BrokerAccount(string memberId) => (BrokerUser(memberId), brokerPasswords[BrokerUser(memberId)]);

    /// <summary>
    /// An account for a load generator that publishes for many synthetic members: a hub's rights, and the broker's
    /// <c>impersonator</c> tag so that it may put each member's own account in <c>user_id</c>.
    /// </summary>
    public Task<(string User, string Password)> CreateImpersonatorAsync() =>
        CreateBrokerUserAsync(LoadGenerator, BrokerPermissions.ForHub(LoadGenerator), tags: "impersonator");

    /// <summary>The id a load generator's account has a hub's rights for (its own exchanges are named after it).</summary>
    public const string LoadGenerator = "load-generator";

    private string MemberUserFormat => VirtualHost + ".hub-{0}";

    private async Task<(string User, string Password)> CreateBrokerUserAsync(string name, BrokerPermissions permissions, string tags = "")
    {
        var user = $"{VirtualHost}.{name}";
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        brokerPasswords[user] = password;
        await LocalInfrastructure.CreateBrokerUserAsync(VirtualHost, user, password, permissions, tags);
        return (user, password);
    }

    private async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = await LocalInfrastructure.CreateDatabaseAsync(prefix);
        databases.Add(name);
        return name;
    }

    // Each node on its own least-privilege account, as deployed (BrokerPermissions).
    private Dictionary<string, string> Broker((string User, string Password) account) => new()
    {
        ["RabbitMq__Port"] = LocalInfrastructure.RabbitPort,
        ["RabbitMq__VirtualHost"] = VirtualHost,
        ["RabbitMq__Username"] = account.User,
        ["RabbitMq__Password"] = account.Password,
        ["RabbitMq__MemberUserFormat"] = MemberUserFormat,
    };
}
