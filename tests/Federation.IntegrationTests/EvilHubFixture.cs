using Federation.Testing;
using Federation.Testing.Telemetry;

namespace Federation.IntegrationTests;

/// <summary>
/// Three hubs of their own (Brainport plays the attacker with all its credentials: broker account, federation key),
/// the AI factory, the catalogue and the authority, exporting their metrics to the spec's collector so that every refusal can be seen
/// counted as an operator would see it.
/// </summary>
public sealed class EvilHubFixture : IAsyncLifetime
{
    public const string Attacker = "brainport", Victim = "amsterdam", Third = "zuid-holland";

    /// <summary>How many of one other hub's members each hub keeps news of here: the least the setting allows.</summary>
    public const int MaxRevokedPerHomeHub = 100;

    public OtlpReceiver Collector { get; } = new();

    public LocalFederation Federation { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Federation = await LocalFederation.CreateAsync(
        "evil",
        catalogueSettings: new Dictionary<string, string>(Collector.Settings) { ["Sync__GapGrace"] = "00:00:01", ["Sync__CheckInterval"] = "00:00:00.500" },
        hubSettings: new Dictionary<string, string>(Collector.Settings)
        {
            ["Hub__HeartbeatInterval"] = "00:00:01",
            ["People__MaxRevokedPerHomeHub"] = MaxRevokedPerHomeHub.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        hubs: [Attacker, Victim, Third],
        // The AI factory too, with its offers, for the messages only a facility may send and those it receives.
        settingsOfHub: id => id == LocalFederation.Facility.Id ? [new("Hub__SeedDemoData", "true")] : [],
        withFacility: true);

    public async ValueTask DisposeAsync()
    {
        await Federation.DisposeAsync();
        await Collector.DisposeAsync();
    }
}
