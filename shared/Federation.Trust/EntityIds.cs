namespace Federation.Trust;

/// <summary>Entity identifiers are URLs; two name the same entity whether or not one ends in a slash.</summary>
public static class EntityIds
{
    public static bool Same(Uri a, Uri b) => string.Equals(Normal(a), Normal(b), StringComparison.Ordinal);

    public static string Normal(Uri id) => id.AbsoluteUri.TrimEnd('/');
}
