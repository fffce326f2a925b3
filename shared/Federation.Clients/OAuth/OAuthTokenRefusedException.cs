namespace Federation.Clients.OAuth;

/// <summary>The token endpoint refused a request; <see cref="Refusal"/> says how.</summary>
public class OAuthTokenRefusedException(TokenRefusal refusal)
    : InvalidOperationException($"The token endpoint answered {refusal.Status}: {refusal.Body}")
{
    public TokenRefusal Refusal { get; } = refusal;
}
