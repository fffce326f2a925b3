namespace Federation.Hub.People;

/// <summary>Keeps <see cref="RevokedPeople"/> in step with the database, so every process of a hub refuses the same people.</summary>
internal sealed partial class RevokedPeopleRefresh(RevokedPeople people, ILogger<RevokedPeopleRefresh> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // The first read before the hub serves: a person suspended before a restart stays refused after it.
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await people.RefreshAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRefreshFailed(logger, exception);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await people.RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception);
            }

            await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Reading the revoked people failed; the last copy stays in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
