namespace Federation.Contracts.Hub;

/// <summary>
/// The answer of an import's dry run (POST /resources/import/…?dryRun=true) to a document that would be imported: the
/// title the draft would have, and what the hub's reader noted while reading it.
/// </summary>
public sealed record ImportCheck(bool Valid, string Title, IReadOnlyList<string> Notes);
