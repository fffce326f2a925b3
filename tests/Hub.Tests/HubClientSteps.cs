using Federation.Clients.Hubs;
using Federation.Clients.Results;
using Federation.Contracts.Hub;

namespace Federation.Hub.Tests;

/// <summary>Steps the specs take through the hub's typed client on the way to what they test.</summary>
internal static class HubClientSteps
{
    /// <summary>The value of a call the spec needs to succeed; a refusal fails the spec with the hub's reasons.</summary>
    public static T ValueOrFail<T>(this ApiResult<T> result) => result.Succeeded
        ? result.Value!
        : throw new InvalidOperationException($"The hub refused a step of the spec with {(int)result.Status}: {string.Join("; ", result.Problem!.Reasons())}");

    /// <summary>Creates a resource as staff and publishes it; its id.</summary>
    public static async Task<Guid> PublishedAsync(this HubClient staff, ResourceInput resource)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var created = (await staff.CreateResourceAsync(resource, cancellation)).ValueOrFail();
        (await staff.PublishAsync(created.Id, version: null, cancellation)).ValueOrFail();
        return created.Id;
    }
}
