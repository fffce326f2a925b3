using System.Diagnostics.CodeAnalysis;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// What a snapshot must hold before the catalogue tries to store it. Hubs validate far more; this only keeps a
/// malformed message from failing inside the writer, where it would take other messages' batch down with it.
/// </summary>
internal static class SnapshotCheck
{
    public static void ThrowIfUnusable([NotNull] ResourceSnapshot? snapshot, string hubId)
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
    }
}
