namespace Federation.Hub.Compute.Decisions;

/// <summary>
/// Organisations of different members compared by name, the one thing hubs and facilities share about them (their
/// ids are each member's own): case, spacing and punctuation aside, so "TU Eindhoven" is "tu  eindhoven." too.
/// </summary>
public static class OrganisationNames
{
    public static string Key(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
