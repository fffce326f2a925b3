namespace Federation.Testing;

/// <summary>The token endpoint said no; <see cref="Body"/> holds its OAuth error.</summary>
public sealed class TokenRefusedException(int status, string body) : InvalidOperationException($"The token endpoint answered {status}: {body}")
{
    public int Status { get; } = status;

    public string Body { get; } = body;
}
