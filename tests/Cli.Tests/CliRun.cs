using Spectre.Console;

namespace Federation.Cli.Tests;

/// <summary>The command line run in this process against the fixture's hub, with what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output)
{
    public static Task<CliRun> Of(HubFixture fixture, params string[] args) =>
        RunAsync([.. args, "--hub", fixture.Hub.BaseUrl.ToString(), "--client-id", Federation.Testing.LocalInfrastructure.ServiceClientId], null);

    /// <summary>A command as the staff client of <paramref name="node"/> (a hub or a facility).</summary>
    public static Task<CliRun> At(Federation.Testing.ServiceProcess node, params string[] args) =>
        RunAsync([.. args, "--hub", node.BaseUrl.ToString(), "--client-id", Federation.Testing.LocalInfrastructure.ServiceClientId], null);

    /// <summary>A command that names only the hub (sign-in, sign-out), with what "open the browser" does in this test.</summary>
    public static Task<CliRun> AtHub(HubFixture fixture, Action<Uri>? openBrowser, params string[] args) =>
        RunAsync([.. args, "--hub", fixture.Hub.BaseUrl.ToString()], openBrowser);

    /// <summary>Imports one open dataset titled <paramref name="title"/> through the command line, from a one-row CSV in <paramref name="folder"/>.</summary>
    public static async Task ImportOneAsync(HubFixture fixture, string folder, string title)
    {
        var rows = Path.Combine(folder, "one.csv");
        await File.WriteAllTextAsync(rows, $"kind,title,licence,accessPolicy,publisher\ndataset,{title},CC-BY-4.0,open,TU Eindhoven\n");
        Assert.Equal(0, (await Of(fixture, "import", rows)).ExitCode);
    }

    /// <summary>The cells of the row that <c>resources list</c> (with <paramref name="filters"/>) prints for <paramref name="title"/>: id, …, version.</summary>
    public static async Task<string[]> ListedAsync(HubFixture fixture, string title, params string[] filters) =>
        (await Of(fixture, ["resources", "list", .. filters])).Output.Split('\n').First(line => line.Contains(title, StringComparison.Ordinal))
            .Split('│', StringSplitOptions.TrimEntries);

    /// <summary>A command against whatever <paramref name="handler"/> answers, as the staff client of the hub at <paramref name="hub"/>.</summary>
    public static Task<CliRun> Through(HttpMessageHandler handler, Uri hub, params string[] args) =>
        RunAsync([.. args, "--hub", hub.ToString(), "--client-id", Federation.Testing.LocalInfrastructure.ServiceClientId], null, handler);

    /// <summary>A command that needs no hub (the authority's, key making).</summary>
    public static Task<CliRun> Plain(params string[] args) => RunAsync(args, null);

    private static async Task<CliRun> RunAsync(string[] args, Action<Uri>? openBrowser, HttpMessageHandler? handler = null)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            // Spectre's enrichers turn ANSI on when they see a CI service's variables (GITHUB_ACTIONS, TF_BUILD, …),
            // which would put escape codes into the text these specs read.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = 200;
        var exitCode = await FederationCli.RunAsync(args, console, handler, openBrowser);
        return new CliRun(exitCode, output.ToString());
    }
}
