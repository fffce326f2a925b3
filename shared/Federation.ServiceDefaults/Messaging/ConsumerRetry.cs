using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;
using Npgsql;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// How a federation endpoint retries a message that failed: what may pass on a later try (the database or broker
/// restarting, two writers meeting) is retried with growing pauses; what can never pass goes to the error queue at
/// once, so that one bad message from a careless or hostile sender does not hold a queue for minutes.
/// </summary>
public static class ConsumerRetry
{
    public static void UseFederationRetry(this IReceiveEndpointConfigurator endpoint, int retryLimit, TimeSpan minInterval, TimeSpan maxInterval) =>
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<InvalidMessageException>();
            retry.Ignore<UnverifiedMessageException>();
            retry.Ignore<PostgresException>(IsAboutTheData);
            // Values the database driver cannot even send (a time with an offset for timestamptz, a wrong type).
            retry.Ignore<ArgumentException>();
            retry.Ignore<InvalidCastException>();
            retry.Exponential(retryLimit, minInterval, maxInterval, TimeSpan.FromMilliseconds(200));
        });

    /// <summary>
    /// The database refused the values themselves (class 22: too long, out of range, a NUL character; class 23 but a
    /// unique violation: a missing or forbidden value): the same values fail the same way every time. A unique violation
    /// may be two writers inserting at once, which the next try resolves.
    /// </summary>
    public static bool IsAboutTheData(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal)
        || (exception.SqlState.StartsWith("23", StringComparison.Ordinal) && exception.SqlState != PostgresErrorCodes.UniqueViolation);
}
