using Spectre.Console;

namespace Federation.Cli.Tests;

/// <summary>The command line run in this process against the fixture's hub, with what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output)
{
    public static async Task<CliRun> Of(HubFixture fixture, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var exitCode = await FederationCli.RunAsync(
            [.. args, "--hub", fixture.Hub.BaseUrl.ToString(), "--client-id", Federation.Testing.LocalInfrastructure.ServiceClientId], console);
        return new CliRun(exitCode, output.ToString());
    }
}
