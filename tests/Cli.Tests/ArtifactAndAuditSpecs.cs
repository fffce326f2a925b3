using System.Security.Cryptography;
using System.Text.Json;

namespace Federation.Cli.Tests;

/// <summary>Uploading a file for a resource (checked against the hub's SHA-256), exporting the audit log that recorded it, and checking its hash chain.</summary>
[Collection(HubCollection.Name)]
public sealed class ArtifactAndAuditSpecs(HubFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("federation-cli-").FullName;

    [Fact]
    public async Task A_file_uploads_with_the_hubs_checksum_and_the_audit_export_holds_the_upload()
    {
        var title = $"Trillingen {Guid.NewGuid():N}";
        await CliRun.ImportOneAsync(fixture, folder, title);
        var id = (await CliRun.ListedAsync(fixture, title, "--state", "published"))[1];

        var file = Path.Combine(folder, "trillingen.bin");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        await File.WriteAllBytesAsync(file, bytes);
        var upload = await CliRun.Of(fixture, "artifacts", "upload", id, file);

        Assert.Equal(0, upload.ExitCode);
        Assert.Contains($"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))}", upload.Output, StringComparison.Ordinal);

        var export = Path.Combine(folder, "audit.jsonl");
        var exported = await CliRun.Of(fixture, "audit", "export", "--out", export, "--action", "artifact.uploaded");
        Assert.Equal(0, exported.ExitCode);
        Assert.Contains(File.ReadLines(export), line =>
            JsonDocument.Parse(line).RootElement.GetProperty("resourceId").GetString() == id);

        var verified = await CliRun.Of(fixture, "audit", "verify");
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("The audit log holds", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_secret_the_command_line_says_what_to_set_and_does_nothing()
    {
        var secret = Environment.GetEnvironmentVariable("FEDERATION_CLIENT_SECRET");
        Environment.SetEnvironmentVariable("FEDERATION_CLIENT_SECRET", null);
        try
        {
            var result = await CliRun.Of(fixture, "resources", "list");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("FEDERATION_CLIENT_SECRET", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FEDERATION_CLIENT_SECRET", secret);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
