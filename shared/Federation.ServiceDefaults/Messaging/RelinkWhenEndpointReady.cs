using MassTransit;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Asks <see cref="OwnExchangeLinks"/> to link again whenever a receive endpoint of the hub's bus becomes ready: after a
/// start or a reconnect, the broker may be one that lost its definitions, and the links should not wait a minute.
/// </summary>
public sealed class RelinkWhenEndpointReady(OwnExchangeLinks links) : IReceiveEndpointObserver
{
    public Task Ready(ReceiveEndpointReady ready)
    {
        links.Relink();
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
