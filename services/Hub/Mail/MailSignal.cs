using Federation.Hub.Hosting;

namespace Federation.Hub.Mail;

/// <summary>Wakes the mail relay when mail is committed to the outbox.</summary>
public sealed class MailSignal : WakeSignal;
