namespace Federation.Catalogue.AuditHeads;

public sealed class AuditHeadOptions
{
    public const string Section = "AuditHeads";

    /// <summary>How often a growing chain's head is kept per hub; a contradicting head is always kept, up to <see cref="MaxContradictions"/>.</summary>
    public TimeSpan KeepEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many contradicting heads are kept per hub. One proves the rewrite; past this many a hub that keeps
    /// contradicting itself is still counted and logged, but no longer grows the catalogue's database.
    /// </summary>
    public int MaxContradictions { get; set; } = 100;
}
