using System.Diagnostics.CodeAnalysis;

namespace Federation.Clients.OAuth;

/// <summary>The outcome of one token request: the tokens, or the endpoint's refusal. Never both.</summary>
public sealed record TokenAnswer
{
    private TokenAnswer(TokenResponse? tokens, TokenRefusal? refusal)
    {
        Tokens = tokens;
        Refusal = refusal;
    }

    public TokenResponse? Tokens { get; }

    public TokenRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Tokens))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Tokens is not null;

    public static TokenAnswer Issued(TokenResponse tokens) => new(tokens, null);

    public static TokenAnswer Refused(TokenRefusal refusal) => new(null, refusal);

    /// <summary>The tokens, or an <see cref="OAuthTokenRefusedException"/> carrying the refusal.</summary>
    public TokenResponse EnsureIssued() => Tokens ?? throw new OAuthTokenRefusedException(Refusal!);
}
