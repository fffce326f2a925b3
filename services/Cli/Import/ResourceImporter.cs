using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Federation.Cli.Connection;
using Federation.Clients.Hubs;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;

namespace Federation.Cli.Import;

/// <summary>
/// Brings a hub in line with the rows of an import. A row is known by its identifier (the resource's key at its
/// publisher, kept with the resource), never by its title, so a renamed row updates its resource: a row whose
/// resource exists with the same content changes nothing, so running an import twice is harmless; one that differs
/// updates it; a new one is created and published. A row without an identifier is only ever created, and refused
/// when the hub holds a resource of that title already (it might be that one: only an identifier can say); so is a row
/// with a new identifier whose title a resource without one has (made before keys were kept: it might be that one
/// too). Every row is first checked by the hub itself (<c>POST /resources/validate</c>), which is all a dry run does.
/// </summary>
public sealed class ResourceImporter(HubClient hub, bool dryRun, bool publish)
{
    // The fields a row gives, and only those: a field the row leaves out is not compared.
    private static readonly JsonSerializerOptions GivenFields = new(FederationJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Dictionary<string, List<ResourceSnapshot>> byIdentifier = new(StringComparer.Ordinal);
    private readonly HashSet<string> titles = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> titlesWithoutKey = new(StringComparer.OrdinalIgnoreCase);

    public async Task LoadExistingAsync(CancellationToken cancellationToken)
    {
        await foreach (var resource in hub.AllResourcesAsync(state: null, cancellationToken))
        {
            Remember(resource);
        }
    }

    private void Remember(ResourceSnapshot resource)
    {
        titles.Add(resource.Title.Trim());
        if (resource.Identifier is null && resource.State != ResourceState.Withdrawn)
        {
            titlesWithoutKey.Add(resource.Title.Trim());
        }

        if (resource.Identifier is { } identifier && resource.State != ResourceState.Withdrawn)
        {
            var same = byIdentifier.TryGetValue(identifier, out var list) ? list : byIdentifier[identifier] = [];
            same.RemoveAll(r => r.Id == resource.Id);
            same.Add(resource);
        }
    }

    /// <param name="checkedByHub">The hub has just checked this resource (a document's dry run): it is not sent again.</param>
    public async Task<ImportResult> ImportAsync(ImportRow row, CancellationToken cancellationToken, bool checkedByHub = false)
    {
        if (row.Resource is not { } resource)
        {
            return new ImportResult(row.Line, "", ImportOutcome.Refused, [row.Unreadable ?? "The line could not be read."]);
        }

        if (!checkedByHub && await hub.ValidateResourceAsync(resource, cancellationToken) is { Succeeded: false } check)
        {
            return new ImportResult(row.Line, row.Title, ImportOutcome.Refused, Refusal.ReasonsOf(check.Problem));
        }

        var identifier = resource.Identifier?.Trim();
        var matches = identifier is null ? [] : byIdentifier.GetValueOrDefault(identifier) ?? [];
        if (matches.Count > 1)
        {
            return new ImportResult(row.Line, row.Title, ImportOutcome.Refused,
                [$"The hub holds {matches.Count} resources with the identifier '{identifier}'; withdraw all but one, or give this row another."]);
        }

        if (identifier is null && titles.Contains(row.Title))
        {
            return new ImportResult(row.Line, row.Title, ImportOutcome.Refused,
                [$"The hub holds a resource titled '{row.Title}' already; give the row an identifier (the column 'identifier') so that the import can tell whether it is that one."]);
        }

        if (identifier is not null && matches.Count == 0 && titlesWithoutKey.Contains(row.Title))
        {
            return new ImportResult(row.Line, row.Title, ImportOutcome.Refused,
                [$"The hub holds a resource titled '{row.Title}' without an identifier, which may be this one; give it the identifier '{identifier}' (resources update) or withdraw it, and import again."]);
        }

        var known = matches.SingleOrDefault();
        var unchanged = known is not null && SameContent(resource, known) && (!publish || known.State == ResourceState.Published);
        var outcome = unchanged ? ImportOutcome.Unchanged : known is null ? ImportOutcome.Created : ImportOutcome.Changed;
        if (dryRun || unchanged)
        {
            return new ImportResult(row.Line, row.Title, outcome, []);
        }

        // A replacement is conditional on the version read at the start: a change someone made meanwhile is refused
        // by the hub (and reported as this row's reason) rather than silently overwritten by the import. A create
        // carries a key of its own, so that the client may send it again when the answer is lost, and the hub makes
        // one resource of both.
        var written = known is null
            ? await hub.CreateResourceAsync(resource, cancellationToken, idempotencyKey: Guid.NewGuid().ToString("N"))
            : await hub.UpdateResourceAsync(known.Id, resource, known.Version, cancellationToken);
        if (written.Value is not { } saved)
        {
            return new ImportResult(row.Line, row.Title, ImportOutcome.Refused, Refusal.ReasonsOf(written.Problem));
        }

        if (publish && saved.State != ResourceState.Published)
        {
            var published = await hub.PublishAsync(saved.Id, version: null, cancellationToken);
            if (published.Value is null)
            {
                return new ImportResult(row.Line, row.Title, ImportOutcome.Refused, Refusal.ReasonsOf(published.Problem));
            }

            saved = published.Value;
        }

        Remember(saved);
        return new ImportResult(row.Line, row.Title, outcome, []);
    }

    // Each field the row gives is compared with the resource as the hub holds it; an empty value and a missing one
    // are the same, and so are texts that differ only in surrounding spaces, and licences in case (SPDX ids are
    // case-insensitive, and the hub writes them as SPDX lists them: a model card's "apache-2.0" is "Apache-2.0").
    private static bool SameContent(ResourceInput row, ResourceSnapshot known)
    {
        var given = JsonSerializer.SerializeToNode(row, GivenFields)!.AsObject();
        var held = JsonSerializer.SerializeToNode(known, FederationJson.Options)!.AsObject();
        return given.All(field => field.Key == "licence"
            ? string.Equals(Normalise(field.Value)?.ToString(), Normalise(held[field.Key])?.ToString(), StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(Normalise(field.Value), Normalise(held[field.Key])));
    }

    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Trim().Length == 0 ? null : JsonValue.Create(text.Trim()),
        JsonArray array when array.Count == 0 => null,
        JsonArray array => new JsonArray([.. array.Select(Normalise)]),
        JsonObject obj => obj.Select(p => (p.Key, Value: Normalise(p.Value))).Where(p => p.Value is not null) is var fields && fields.Any()
            ? new JsonObject(fields.Select(p => KeyValuePair.Create(p.Key, p.Value))) : null,
        _ => node.DeepClone(),
    };
}
