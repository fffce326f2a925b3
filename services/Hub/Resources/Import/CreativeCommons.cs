using System.Text.RegularExpressions;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// Creative Commons licences by the address of their deed, as Dutch open-data portals name them
/// (https://creativecommons.org/licenses/by/4.0/deed.nl, …/publicdomain/zero/1.0/), and as the Dutch government's
/// licence list spells them (…/owms/terms/licenties/cc-by-4.0): the SPDX id the federation uses, or null.
/// </summary>
public static partial class CreativeCommons
{
    public static string? FromUrl(string url)
    {
        var deed = Deed().Match(url);
        if (deed.Success)
        {
            var id = $"CC-{deed.Groups["kind"].Value.ToUpperInvariant()}-{deed.Groups["version"].Value}";
            return LicenceIds.TryNormalise(id, out var canonical) ? canonical : null;
        }

        if (Zero().IsMatch(url))
        {
            return "CC0-1.0";
        }

        var listed = OverheidList().Match(url);
        return listed.Success && LicenceIds.TryNormalise(listed.Groups["id"].Value.Replace("cc-0", "cc0", StringComparison.OrdinalIgnoreCase), out var known) ? known : null;
    }

    [GeneratedRegex(@"^https?://creativecommons\.org/licenses/(?<kind>by(-nc)?(-nd|-sa)?)/(?<version>\d\.\d)(/[a-z]{2})?/?(deed\.[a-z-]+|legalcode(\.[a-z-]+)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Deed();

    [GeneratedRegex(@"^https?://creativecommons\.org/publicdomain/zero/1\.0/?(deed\.[a-z-]+|legalcode(\.[a-z-]+)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Zero();

    [GeneratedRegex(@"^https?://standaarden\.overheid\.nl/owms/terms/licenties/(?<id>[a-z0-9.-]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OverheidList();
}
