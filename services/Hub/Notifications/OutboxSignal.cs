using Federation.Hub.Hosting;

namespace Federation.Hub.Notifications;

/// <summary>Wakes the outbox relay when a decision for another hub is committed.</summary>
public sealed class OutboxSignal : WakeSignal;
