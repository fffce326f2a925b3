namespace Federation.Clients.OAuth;

/// <summary>The token endpoint refused a request; <see cref="Refusal"/> says how.</summary>
/// <remarks>
/// The message holds the status and the OAuth error and its description only, never the body: messages end up in
/// logs, and an error body may echo what was sent (a code, a token, a client secret). The body stays on
/// <see cref="Refusal"/> for a caller that must look at it.
/// </remarks>
public class OAuthTokenRefusedException(TokenRefusal refusal) : InvalidOperationException(MessageOf(refusal))
{
    public TokenRefusal Refusal { get; } = refusal;

    private static string MessageOf(TokenRefusal refusal) => refusal switch
    {
        { Error: { } error, Description: { Length: > 0 } description } => $"The token endpoint answered {refusal.Status}: {error} ({Bounded(description)}).",
        { Error: { } error } => $"The token endpoint answered {refusal.Status}: {error}.",
        _ => $"The token endpoint answered {refusal.Status} without an OAuth error.",
    };

    // A description is meant to be one short sentence; a long one is cut rather than carried whole into a log.
    private static string Bounded(string description) => description.Length <= 200 ? description : description[..200] + "…";
}
