using System.Net.Http.Headers;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;

namespace Federation.Cli.Import;

/// <summary>
/// Imports whole documents through the hub's own readers: a DCAT-AP description (Turtle or JSON-LD) becomes a
/// dataset, a Hugging Face style model card a model. The hub first reads the document without storing anything
/// (<c>?dryRun=true</c>), which names the title it would have; a resource of that title at the hub is left alone, so
/// importing a folder again changes nothing.
/// </summary>
public sealed class DocumentImporter(HubClient hub, bool dryRun, bool publish, ImportDefaults defaults)
{
    private readonly HashSet<string> known = new(StringComparer.OrdinalIgnoreCase);

    public async Task LoadExistingAsync(CancellationToken cancellationToken)
    {
        await foreach (var resource in hub.AllResourcesAsync(state: null, cancellationToken))
        {
            known.Add(resource.Title.Trim());
        }
    }

    public static string? KindOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ttl" => "text/turtle",
        ".jsonld" or ".json-ld" => "application/ld+json",
        ".md" => "text/markdown",
        _ => null,
    };

    public async Task<ImportResult> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);

        var check = await hub.CheckImportAsync(Document(bytes, KindOf(path)!), defaults, cancellationToken);
        if (check.Value is not { } checkedDocument)
        {
            return new ImportResult(0, name, ImportOutcome.Refused, Refusal.ReasonsOf(check.Problem));
        }

        var title = checkedDocument.Title.Trim();
        if (known.Contains(title))
        {
            return new ImportResult(0, $"{name}: {title}", ImportOutcome.Unchanged, []);
        }

        if (dryRun)
        {
            return new ImportResult(0, $"{name}: {title}", ImportOutcome.Created, []);
        }

        var created = await hub.ImportAsync(Document(bytes, KindOf(path)!), defaults, cancellationToken);
        if (created.Value is not { } imported)
        {
            return new ImportResult(0, name, ImportOutcome.Refused, Refusal.ReasonsOf(created.Problem));
        }

        if (publish)
        {
            var published = await hub.PublishAsync(imported.Resource.Id, version: null, cancellationToken);
            if (!published.Succeeded)
            {
                return new ImportResult(0, name, ImportOutcome.Refused, Refusal.ReasonsOf(published.Problem));
            }
        }

        known.Add(title);
        return new ImportResult(0, $"{name}: {title}", ImportOutcome.Created, []);
    }

    private static ByteArrayContent Document(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
