namespace Federation.Contracts.Hub;

/// <summary>
/// The answer of an import's dry run (POST /resources/import/…?dryRun=true) to a document that would be imported: the
/// title the draft would have, what the hub's reader noted while reading it, and the resource as it read it (in the
/// API's shape, its identifier included), so a client can find it again by that key.
/// </summary>
public sealed record ImportCheck(bool Valid, string Title, IReadOnlyList<string> Notes, ResourceInput? Resource = null);
