namespace Federation.Clients.OAuth;

/// <summary>
/// A token endpoint said no: its HTTP status, the OAuth error code and description (RFC 6749 §5.2) when it sent
/// them, and the body as received, for callers that report or test it word for word.
/// </summary>
public sealed record TokenRefusal(int Status, string? Error, string? Description, string Body);
