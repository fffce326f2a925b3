using System.ComponentModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Artifacts;

/// <summary><c>federation artifacts upload ID FILE</c>: a file for a resource, with progress, checked against the SHA-256 the hub computed.</summary>
public sealed class UploadCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<UploadCommand.Settings>
{
    public sealed class Settings : HubSettings
    {
        [CommandArgument(0, "<ID>")]
        public Guid Id { get; set; }

        [CommandArgument(1, "<FILE>")]
        public string File { get; set; } = "";

        [CommandOption("--media-type <TYPE>")]
        [Description("The file's media type (default application/octet-stream)")]
        public string MediaType { get; set; } = "application/octet-stream";

        public override ValidationResult Validate() =>
            System.IO.File.Exists(File) ? base.Validate() : ValidationResult.Error($"There is no file '{File}'.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        await using var file = System.IO.File.OpenRead(settings.File);
        var expected = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
        file.Position = 0;
        HttpResponseMessage? response = null;
        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Path.GetFileName(settings.File), maxValue: Math.Max(file.Length, 1));
                var content = new StreamContent(new CountingStream(file, read => task.Increment(read)));
                content.Headers.ContentType = new MediaTypeHeaderValue(settings.MediaType);
                response = await connection.Http.PutAsync($"resources/{settings.Id}/artifacts/{Uri.EscapeDataString(Path.GetFileName(settings.File))}", content, cancellationToken);
                task.Value = task.MaxValue;
            });
        using (response)
        {
            if (!response!.IsSuccessStatusCode)
            {
                console.MarkupLine($"[red]Refused:[/] {Markup.Escape(string.Join("; ", await HubProblem.ReasonsAsync(response, cancellationToken)))}");
                return 2;
            }

            var artifact = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var held = artifact.GetProperty("sha256").GetString();
            console.WriteLine($"Uploaded {artifact.GetProperty("fileName").GetString()} ({artifact.GetProperty("sizeBytes").GetInt64()} bytes), SHA-256 {held}");
            if (held != expected)
            {
                console.MarkupLine("[red]The hub holds other bytes than this file: the SHA-256 differs.[/]");
                return 1;
            }
        }

        return 0;
    }
}
