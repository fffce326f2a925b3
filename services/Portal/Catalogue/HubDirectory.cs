using Federation.Contracts.Catalogue;

namespace Federation.Portal.Catalogue;

/// <summary>
/// The hubs' names by id, for labels on every search page: read from the catalogue's registry and kept for half a
/// minute, so that a page of twenty hits does not ask for them twenty times. Without the registry, ids are shown.
/// </summary>
public sealed class HubDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);
    private (IReadOnlyDictionary<string, string> Names, DateTimeOffset ReadAt)? known;

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken cancellationToken)
    {
        if (known is { } kept && clock.GetUtcNow() - kept.ReadAt < KeptFor)
        {
            return kept.Names;
        }

        using var scope = scopes.CreateScope();
        var hubs = await scope.ServiceProvider.GetRequiredService<CatalogueClient>().HubsAsync(cancellationToken);
        if (hubs.Value is not { } list)
        {
            return known?.Names ?? new Dictionary<string, string>();
        }

        var names = list.ToDictionary(h => h.Id, h => h.DisplayName, StringComparer.Ordinal);
        known = (names, clock.GetUtcNow());
        return names;
    }

    public static string NameOf(IReadOnlyDictionary<string, string> names, string hubId) => names.GetValueOrDefault(hubId) ?? hubId;
}
