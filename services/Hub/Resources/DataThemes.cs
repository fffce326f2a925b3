using System.Collections.Frozen;

namespace Federation.Hub.Resources;

/// <summary>
/// The EU data themes (Publications Office "data-theme" authority table) that DCAT-AP uses for dcat:theme; resources
/// carry their codes, so the catalogue can export them without guessing.
/// </summary>
public static class DataThemes
{
    public static FrozenSet<string> Codes { get; } = new[]
    {
        "AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
