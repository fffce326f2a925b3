namespace Federation.Portal.Language;

/// <summary>The texts of citing a resource (its persistent URI, APA and BibTeX) and of a resource its hub withdrew.</summary>
public sealed partial class PortalText
{
    private static readonly Dictionary<string, (string Nl, string En)> CitationTexts = new(StringComparer.Ordinal)
    {
        ["cite.heading"] = ("Citeren", "Cite as"),
        ["cite.uri"] = ("Vaste URI", "Persistent URI"),
        ["cite.version"] = ("Geciteerde versie", "Version cited"),
        ["cite.versionOf"] = ("{0}, van {1}", "{0}, of {1}"),
        ["cite.download"] = ("BibTeX downloaden", "Download BibTeX"),
        ["resource.withdrawnNotice"] = ("De hub die deze resource hield, heeft haar ingetrokken. Ze blijft hier staan, zodat links en citaties blijven werken.",
            "The hub that held this resource withdrew it. It stays here so that links and citations keep working."),
        ["resource.withdrawnOn"] = ("Ingetrokken op {0}.", "Withdrawn on {0}."),
        ["resource.withdrawnReason"] = ("Reden: {0}", "Reason: {0}"),
    };
}
