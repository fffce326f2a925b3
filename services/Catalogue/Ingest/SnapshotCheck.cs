using System.Diagnostics.CodeAnalysis;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;
using Federation.Trust;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// What a snapshot must hold before the catalogue tries to store it. Hubs validate far more; this only keeps a
/// malformed message from failing inside the writer, where it would take other messages' batch down with it.
/// </summary>
internal static class SnapshotCheck
{
    /// <param name="senderKind">What the authority says the proven sender is; null where senders are not checked
    /// (Development with checking off), where nothing can be refused for it.</param>
    public static void ThrowIfUnusable([NotNull] ResourceSnapshot? snapshot, string hubId, string? senderKind)
    {
        if (snapshot is null
            || snapshot.Id == Guid.Empty
            || snapshot.HubId != hubId
            || snapshot.Version < 1
            || string.IsNullOrWhiteSpace(snapshot.Title)
            || snapshot.Summary is null
            || snapshot.Description is null
            || snapshot.Licence is null
            || snapshot.Publisher is null
            || snapshot.Keywords is null || snapshot.Keywords.Any(k => k is null)
            || snapshot.Themes is null || snapshot.Themes.Any(t => t is null)
            || !Enum.IsDefined(snapshot.Kind) || !Enum.IsDefined(snapshot.State) || !Enum.IsDefined(snapshot.AccessPolicy))
        {
            throw new InvalidMessageException($"A snapshot from '{hubId}' ({snapshot?.Id}) is incomplete or claims another hub.");
        }

        // A hub, careless or hostile, cannot put compute capacity into the catalogue that no facility offers.
        if (snapshot.Kind == ResourceKind.Compute && senderKind is not null && senderKind != MemberMetadata.FacilityKind)
        {
            throw new InvalidMessageException($"'{hubId}' is a {senderKind}, not a compute facility: its compute offer {snapshot.Id} is refused.");
        }
    }
}
