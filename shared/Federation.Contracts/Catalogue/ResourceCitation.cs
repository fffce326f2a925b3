namespace Federation.Contracts.Catalogue;

/// <summary>
/// How to cite one version of a resource: its persistent federation URI (which keeps resolving whatever the resource
/// is renamed to or wherever its pages move), the version and date cited, and the citation in APA 7 and as a BibTeX
/// entry.
/// </summary>
public sealed record ResourceCitation(Uri PersistentUri, string Version, DateOnly Date, string Apa, string BibTex);
