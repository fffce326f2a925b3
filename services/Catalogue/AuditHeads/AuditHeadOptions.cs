namespace Federation.Catalogue.AuditHeads;

public sealed class AuditHeadOptions
{
    public const string Section = "AuditHeads";

    /// <summary>How often a growing chain's head is kept per hub; a contradicting head is always kept.</summary>
    public TimeSpan KeepEvery { get; set; } = TimeSpan.FromMinutes(1);
}
