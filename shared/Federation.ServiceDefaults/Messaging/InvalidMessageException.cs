namespace Federation.ServiceDefaults.Messaging;

/// <summary>A message that can never be applied; retrying it is pointless, so it goes straight to the error queue.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);
