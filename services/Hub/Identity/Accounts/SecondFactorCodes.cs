namespace Federation.Hub.Identity.Accounts;

/// <summary>The codes of a second factor as people type them and as the pages show them.</summary>
internal static class SecondFactorCodes
{
    /// <summary>An authenticator code as people type it (with spaces or a dash) reduced to its digits; null when it cannot be one.</summary>
    public static string? Authenticator(string? code)
    {
        var kept = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        return kept.Length is > 0 and <= 10 ? kept : null;
    }

    /// <summary>
    /// A recovery code as people type it: Identity's codes are two groups of five (<c>ABCDE-FGHJK</c>), and the dash or
    /// the capitals are easily left out.
    /// </summary>
    public static string? Recovery(string? code)
    {
        var kept = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (kept.Length == 10 && !kept.Contains('-', StringComparison.Ordinal))
        {
            kept = $"{kept[..5]}-{kept[5..]}";
        }

        return kept.Length is > 0 and <= 32 ? kept : null;
    }

    /// <summary>How many single-use recovery codes a member gets at once.</summary>
    public const int RecoveryCount = 10;

    /// <summary>Recovery codes as the pages show them, once: a list the person copies.</summary>
    public static string RecoveryList(IEnumerable<string> codes) =>
        $"""<ul class="codes" id="recovery-codes">{string.Concat(codes.Select(code => $"<li>{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(code)}</li>"))}</ul>""";
}
