using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Federation.Hub.Resources;

/// <summary>
/// SPDX licence identifiers the hub accepts. The list holds the identifiers used for data, models and software in
/// practice (SPDX License List, version 3.x); a licence of one's own is written the SPDX way, as
/// <c>LicenseRef-&lt;name&gt;</c>. Matching ignores case and answers with the canonical spelling.
/// </summary>
public static partial class LicenceIds
{
    private static readonly FrozenDictionary<string, string> Known = new[]
    {
        "0BSD", "AFL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "APSL-2.0", "Artistic-2.0",
        "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear",
        "BSD-4-Clause", "BSL-1.0", "BUSL-1.1", "CAL-1.0", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0",
        "CC-BY-3.0-NL", "CC-BY-4.0", "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-3.0",
        "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-2.0", "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-3.0", "CC-BY-ND-4.0",
        "CC-BY-SA-2.0", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-PDDC", "CC0-1.0", "CDDL-1.0", "CDDL-1.1",
        "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "CECILL-2.1", "CPAL-1.0", "CPL-1.0",
        "ECL-2.0", "EFL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2", "GFDL-1.3-only", "GFDL-1.3-or-later",
        "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "ISC", "LGPL-2.1-only",
        "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "LPPL-1.3c", "MIT", "MIT-0", "MPL-1.1",
        "MPL-2.0", "MS-PL", "MS-RL", "MulanPSL-2.0", "NCSA", "ODbL-1.0", "ODC-By-1.0", "OFL-1.1", "OGL-UK-3.0",
        "OpenSSL", "OPL-1.0", "OSL-3.0", "PDDL-1.0", "PostgreSQL", "Python-2.0", "Ruby", "SSPL-1.0", "Unicode-3.0",
        "Unlicense", "UPL-1.0", "W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1",
    }.ToFrozenDictionary(id => id, StringComparer.OrdinalIgnoreCase);

    public static bool TryNormalise(string candidate, out string canonical)
    {
        if (Known.TryGetValue(candidate, out var known))
        {
            canonical = known;
            return true;
        }

        var reference = LicenseRef().Match(candidate);
        canonical = reference.Success ? "LicenseRef-" + reference.Groups[1].Value : candidate;
        return reference.Success;
    }

    [GeneratedRegex("^LicenseRef-([A-Za-z0-9.-]{1,64})$", RegexOptions.IgnoreCase)]
    private static partial Regex LicenseRef();
}
