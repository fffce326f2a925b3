using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Clients.Results;
using Federation.Contracts.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Artifacts;

/// <summary><c>federation artifacts upload ID FILE</c>: a file for a resource, with progress, checked against the SHA-256 the hub computed.</summary>
public sealed class UploadCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<UploadCommand.Settings>
{
    public sealed class Settings : ResourceFileSettings
    {
        [CommandOption("--media-type <TYPE>")]
        [Description("The file's media type (default application/octet-stream)")]
        public string MediaType { get; set; } = "application/octet-stream";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        await using var file = System.IO.File.OpenRead(settings.File);
        var expected = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
        file.Position = 0;
        ApiResult<Artifact>? uploaded = null;
        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Path.GetFileName(settings.File), maxValue: Math.Max(file.Length, 1));
                uploaded = await connection.Hub.UploadArtifactAsync(settings.Id, Path.GetFileName(settings.File),
                    new CountingStream(file, read => task.Increment(read)), settings.MediaType, length: null, cancellationToken);
                task.Value = task.MaxValue;
            });

        if (uploaded!.Value is not { } artifact)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(uploaded.Problem))}");
            return 2;
        }

        console.WriteLine($"Uploaded {artifact.FileName} ({artifact.SizeBytes} bytes), SHA-256 {artifact.Sha256}");
        if (artifact.Sha256 != expected)
        {
            console.MarkupLine("[red]The hub holds other bytes than this file: the SHA-256 differs.[/]");
            return 1;
        }

        return 0;
    }
}
