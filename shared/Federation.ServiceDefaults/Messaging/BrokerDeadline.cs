namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// A send or publish that the broker has not confirmed within this time is given up, so the caller's loop tries
/// again. Needed because a publish that was in flight when the broker died can wait for its confirmation forever:
/// the reliability suite caught a hub's relay stuck that way after a kill -9 of RabbitMQ while the connection itself
/// had recovered (RabbitMQ.Client 7.2, rabbitmq-dotnet-client#1930). Whatever was given up stays unmarked in its
/// table and is sent again; receivers already ignore what they hold.
/// </summary>
public static class BrokerDeadline
{
    public static readonly TimeSpan Confirmation = TimeSpan.FromSeconds(15);

    public static Task WithinBrokerDeadline(this Task sending, CancellationToken cancellationToken) =>
        sending.WaitAsync(Confirmation, cancellationToken);
}
