using System.ComponentModel;
using Federation.Trust;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Authority;

/// <summary>
/// <c>federation keys new --out FILE</c>: a new federation key (ECDSA P-256): the private key in FILE (readable by the
/// owner only) and its public half in FILE.pub, which is what the authority is given.
/// </summary>
public sealed class NewKeyCommand(IAnsiConsole console) : AsyncCommand<NewKeyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the private key (PEM); the public key goes beside it as FILE.pub")]
        public string Out { get; set; } = "federation-key.pem";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (File.Exists(settings.Out))
        {
            console.MarkupLine($"[red]{Markup.Escape(settings.Out)} exists; a key is never overwritten.[/]");
            return 1;
        }

        using var key = FederationKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by its owner only, from the moment it exists.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(settings.Out, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(key.ToPem());
        }

        await File.WriteAllTextAsync(settings.Out + ".pub", key.ToPublicPem(), cancellationToken);
        console.WriteLine($"Key {key.KeyId}: private key in {settings.Out}, public key in {settings.Out}.pub.");
        return 0;
    }
}
