namespace Federation.Testing.Faults;

/// <summary>The faults of the reliability suite, each done to the running federation while staff keep publishing.</summary>
public enum FaultKind
{
    /// <summary>kill -9 of RabbitMQ mid-stream, then a restart.</summary>
    BrokerKilled,

    /// <summary>PostgreSQL restarted in fast mode (sessions ended cleanly).</summary>
    PostgresFastRestart,

    /// <summary>PostgreSQL restarted in immediate mode (aborted; crash recovery at start).</summary>
    PostgresImmediateRestart,

    /// <summary>kill -9 of the catalogue while it applies batches, then a restart.</summary>
    CatalogueKilled,

    /// <summary>A hub process ends by SIGKILL right after committing a change, before publishing it; then restarts.</summary>
    HubCrashAfterCommit,

    /// <summary>A hub frozen (SIGSTOP) so nothing reaches it, while the others go on; then let go.</summary>
    HubUnreachable,

    /// <summary>Malformed and failing messages, 1 % of the traffic, put straight into the catalogue's queue.</summary>
    PoisonMessages,

    /// <summary>Every hub's relay sends its next batches twice, newest first, with older entries again.</summary>
    DuplicatedAndReordered,
}
