using Federation.Clients.OAuth;

namespace Federation.Testing;

/// <summary>The token endpoint said no; <see cref="Body"/> holds its OAuth error.</summary>
public sealed class TokenRefusedException(TokenRefusal refusal) : OAuthTokenRefusedException(refusal)
{
    public int Status => Refusal.Status;

    public string Body => Refusal.Body;
}
