namespace Federation.Clients.OAuth;

/// <summary>Base64url without padding (RFC 4648 §5), as PKCE and JWTs write it.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
