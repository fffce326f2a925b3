using Federation.ServiceDefaults.Membership;
using Marten;

namespace Federation.Catalogue.Registry;

/// <summary>The authority's last verified statements, kept in the catalogue's database for a restart while the authority is away.</summary>
public sealed class StoredMembership(IDocumentStore store, TimeProvider clock) : IMembershipStore
{
    private const string Current = "current";

    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<Statements>(Current, cancellationToken))?.Signed ?? [];
    }

    public async Task SaveAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Store(new Statements(Current, [.. statements], clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The one document: the signed statements as the authority issued them.</summary>
    public sealed record Statements(string Id, List<string> Signed, DateTimeOffset SavedAt);
}
