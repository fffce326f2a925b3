using Federation.Clients.Hubs;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>A real hub with its staff signed in, for the specs that mostly act as staff.</summary>
public abstract class StaffHubSpecs : SpecsOnAFresh<HubHost>
{
    /// <summary>Staff's HTTP client, for the specs that send what no typed client would.</summary>
    protected HttpClient Staff { get; private set; } = null!;

    /// <summary>The hub's API as staff, through the typed client.</summary>
    protected HubClient StaffApi { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Staff = await Host.CreateClientAsync("staff");
        StaffApi = new HubClient(Staff);
    }

    public override async ValueTask DisposeAsync()
    {
        Staff?.Dispose();
        await base.DisposeAsync();
    }
}
