using Microsoft.Extensions.Options;

namespace Federation.Hub.Artifacts;

/// <summary>Artifacts as files under <see cref="ArtifactOptions.Root"/>: written to a temporary name, renamed when complete.</summary>
public sealed class LocalDiskArtifactStore(IOptions<ArtifactOptions> options) : IArtifactStore
{
    public Task<ArtifactUpload> BeginUploadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".uploading-" + Guid.NewGuid().ToString("N");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        return Task.FromResult<ArtifactUpload>(new DiskUpload(stream, temporary, path));
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    // Keys are "resource-id/artifact-id", both GUIDs made here: no user input reaches the file system path.
    private string PathOf(string key) => Path.Combine(options.Value.Root, key.Replace('/', Path.DirectorySeparatorChar));

    private sealed class DiskUpload(FileStream stream, string temporary, string final) : ArtifactUpload
    {
        private bool committed;

        public override Stream Content => stream;

        public override async Task CommitAsync(CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken);
            await stream.DisposeAsync();
            File.Move(temporary, final, overwrite: false);
            committed = true;
        }

        public override async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (!committed && File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
