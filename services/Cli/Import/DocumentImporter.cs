using System.Net.Http.Headers;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;

namespace Federation.Cli.Import;

/// <summary>
/// Imports whole documents through the hub's own readers: a DCAT-AP description (Turtle or JSON-LD) becomes a
/// dataset, a Hugging Face style model card a model. The hub reads each document without storing anything
/// (<c>?dryRun=true</c>) and answers with the resource as it read it; from there the document is one more row of a
/// <see cref="ResourceImporter"/>, found again by its key, never by its title: the identifier the document gives
/// (a dataset's dct:identifier), else its file's name. Importing a folder again changes nothing; a document whose
/// title changed updates its resource instead of making a second one.
/// </summary>
public sealed class DocumentImporter(HubClient hub, bool dryRun, bool publish, ImportDefaults defaults)
{
    private readonly ResourceImporter rows = new(hub, dryRun, publish);

    public Task LoadExistingAsync(CancellationToken cancellationToken) => rows.LoadExistingAsync(cancellationToken);

    public static string? KindOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ttl" => "text/turtle",
        ".jsonld" or ".json-ld" => "application/ld+json",
        ".md" => "text/markdown",
        _ => null,
    };

    /// <summary>The key of a document that names none: its file's name, which stays when its title changes.</summary>
    public static string FileKey(string path) => $"file:{Path.GetFileName(path)}";

    public async Task<ImportResult> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, cancellationToken));
        content.Headers.ContentType = new MediaTypeHeaderValue(KindOf(path)!);

        var check = await hub.CheckImportAsync(content, defaults, cancellationToken);
        if (check.Value is not { Resource: { } read })
        {
            return new ImportResult(0, name, ImportOutcome.Refused, check.Value is null ? Refusal.ReasonsOf(check.Problem) : ["The hub did not say what it read."]);
        }

        var resource = read with { Identifier = read.Identifier is { Length: > 0 } identifier ? identifier : FileKey(path) };
        var result = await rows.ImportAsync(new ImportRow(0, resource), cancellationToken, checkedByHub: true);
        return result with { Title = $"{name}: {result.Title}" };
    }
}
