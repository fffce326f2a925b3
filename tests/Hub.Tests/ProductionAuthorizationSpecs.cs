using System.Net;
using System.Net.Http.Json;

namespace Federation.Hub.Tests;

/// <summary>Outside Development the development staff header opens nothing.</summary>
public sealed class ProductionAuthorizationSpecs : IAsyncLifetime
{
    private HubHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await HubHost.StartAsync(environment: "Production");

    public async ValueTask DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task The_development_staff_header_is_ignored_in_production()
    {
        using var client = hub.CreateClient(staff: "mallory");

        var response = await client.PostAsJsonAsync("/resources", ResourceJson.Dataset());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await hub.CountAsync("hub_resources"));
    }
}
