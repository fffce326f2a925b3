using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.SignIn;

/// <summary><c>federation sign-in</c>: a person signs in at their hub in the browser; later commands act as them.</summary>
public sealed class SignInCommand(IAnsiConsole console, HttpMessageHandler handler, BrowserLauncher browser) : AsyncCommand<SignInCommand.Settings>
{
    public sealed class Settings : HubAddressSettings
    {
        [CommandOption("--wait <MINUTES>")]
        [Description("How long to wait for the sign-in in the browser (default 5)")]
        public int Wait { get; set; } = 5;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var hub = new HttpClient(handler, disposeHandler: false) { BaseAddress = settings.HubUrl, Timeout = TimeSpan.FromSeconds(30) };
        var session = await new LoopbackSignIn(console, browser).SignInAsync(hub, TimeSpan.FromMinutes(Math.Clamp(settings.Wait, 1, 60)), cancellationToken);
        session.Save();
        console.MarkupLine($"[green]Signed in at {Markup.Escape(settings.HubUrl.AbsoluteUri)} as {Markup.Escape(session.Name)}.[/]");
        console.MarkupLine($"The session is kept in {Markup.Escape(PersonSession.PathOf(settings.HubUrl))} (only you can read it); 'federation sign-out' ends it.");
        return 0;
    }
}
