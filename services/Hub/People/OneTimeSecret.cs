using System.Security.Cryptography;
using System.Text;

namespace Federation.Hub.People;

/// <summary>
/// The secret in an e-mailed link (invitation, confirmation): 256 random bits for the link, and only its SHA-256 in
/// the database, so that a copy of the database cannot be used to accept anything.
/// </summary>
public static class OneTimeSecret
{
    public static (string Secret, string Hash) New()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, HashOf(secret));
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> can be one this class made (43 base64url characters); anything else is not looked up.</summary>
    public static bool LooksValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
