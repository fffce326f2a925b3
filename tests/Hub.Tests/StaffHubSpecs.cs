using System.Net.Http.Json;

namespace Federation.Hub.Tests;

/// <summary>A real hub with its staff signed in, for the specs that mostly act as staff.</summary>
public abstract class StaffHubSpecs : IAsyncLifetime
{
    protected HubHost Hub { get; private set; } = null!;

    protected HttpClient Staff { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Hub = await HubHost.StartAsync();
        Staff = await Hub.CreateClientAsync("staff");
    }

    public async ValueTask DisposeAsync()
    {
        Staff.Dispose();
        await Hub.DisposeAsync();
    }

    /// <summary>Creates a resource as staff and publishes it; its id.</summary>
    protected async Task<Guid> PublishedAsync(object resource)
    {
        var created = await (await Staff.PostAsJsonAsync("/resources", resource)).ReadResourceAsync();
        (await Staff.PostAsync($"/resources/{created.Id}/publish", null)).EnsureSuccessStatusCode();
        return created.Id;
    }
}
