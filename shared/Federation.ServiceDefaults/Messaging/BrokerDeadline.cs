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

    /// <summary>
    /// Runs <paramref name="send"/> with a token cancelled at the deadline, so the client gives the publish up rather
    /// than keeping it pending; the wait has a limit of its own in case the client does not listen.
    /// </summary>
    public static async Task SendAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Confirmation);
        await send(deadline.Token).WaitAsync(Confirmation + TimeSpan.FromSeconds(1), cancellationToken);
    }
}
