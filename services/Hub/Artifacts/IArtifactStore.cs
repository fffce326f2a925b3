namespace Federation.Hub.Artifacts;

/// <summary>
/// Where the bytes of artifacts live. Local disk by default; object storage can implement the same three operations.
/// Keys are made by the hub, never from a user's file name.
/// </summary>
public interface IArtifactStore
{
    /// <summary>A stream to write a new artifact to; <see cref="CommitAsync"/> makes it visible, disposing without commit discards it.</summary>
    Task<ArtifactUpload> BeginUploadAsync(string key, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

public abstract class ArtifactUpload : IAsyncDisposable
{
    public abstract Stream Content { get; }

    public abstract Task CommitAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
