using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>Steps the specs take through the hub's typed client on the way to what they test.</summary>
internal static class HubClientSteps
{
    /// <summary>Creates a resource as staff and publishes it; its id.</summary>
    public static async Task<Guid> PublishedAsync(this HubClient staff, ResourceInput resource)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var created = (await staff.CreateResourceAsync(resource, cancellation)).EnsureSuccess();
        (await staff.PublishAsync(created.Id, version: null, cancellation)).EnsureSuccess();
        return created.Id;
    }
}
