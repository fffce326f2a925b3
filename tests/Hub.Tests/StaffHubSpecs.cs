using Federation.Clients.Hubs;

namespace Federation.Hub.Tests;

/// <summary>A real hub with its staff signed in, for the specs that mostly act as staff.</summary>
public abstract class StaffHubSpecs : IAsyncLifetime
{
    protected HubHost Hub { get; private set; } = null!;

    /// <summary>Staff's HTTP client, for the specs that send what no typed client would.</summary>
    protected HttpClient Staff { get; private set; } = null!;

    /// <summary>The hub's API as staff, through the typed client.</summary>
    protected HubClient StaffApi { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Hub = await HubHost.StartAsync();
        Staff = await Hub.CreateClientAsync("staff");
        StaffApi = new HubClient(Staff);
    }

    public async ValueTask DisposeAsync()
    {
        Staff.Dispose();
        await Hub.DisposeAsync();
    }
}
