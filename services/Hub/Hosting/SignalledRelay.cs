using Federation.ServiceDefaults.Postgres;
using Npgsql;

namespace Federation.Hub.Hosting;

/// <summary>
/// The loop shared by the hub's relays (feed → broker, outbox → other hubs): relay what is committed, batch after
/// batch; then sleep until woken by <see cref="WakeSignal"/> or a poll interval passes. A broker or database that is
/// away loses nothing: the rows stay in their table and the next round tries again. Of the silos of one hub, one
/// relays at a time (an advisory lock named after the relay): two would send every row twice.
/// </summary>
public abstract class SignalledRelay(WakeSignal signal, NpgsqlDataSource database, string name) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The hub's database, where the relayed rows wait.</summary>
    protected NpgsqlDataSource Database { get; } = database;

    /// <summary>Relays one batch; true when more may be waiting right away.</summary>
    protected abstract Task<bool> RelayBatchAsync(CancellationToken cancellationToken);

    protected abstract void OnRelayFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var lease = await AdvisoryLock.TryAcquireAsync(Database, $"hub-relay-{name}", stoppingToken))
                {
                    while (lease is not null && await RelayBatchAsync(stoppingToken))
                    {
                    }
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                OnRelayFailed(exception);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
