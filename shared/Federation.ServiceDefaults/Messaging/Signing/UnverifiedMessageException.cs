namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>
/// A message whose signature does not prove the sender it claims. It can never become true by waiting, so it is not
/// retried: it goes to the error queue with this reason, and changes nothing.
/// </summary>
public sealed class UnverifiedMessageException(string message) : Exception(message);
