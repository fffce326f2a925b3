namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>Who signed the message being consumed, as its signature proved (a consume context payload).</summary>
public sealed record VerifiedSender(string MemberId, string KeyId, DateTimeOffset SignedAt);
