using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.SignIn;

/// <summary><c>federation sign-out</c>: the hub revokes the kept refresh token, and the session file is deleted.</summary>
public sealed class SignOutCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HubAddressSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HubAddressSettings settings, CancellationToken cancellationToken)
    {
        if (PersonSession.Load(settings.HubUrl) is not { } session)
        {
            console.MarkupLine($"Nobody is signed in at {Markup.Escape(settings.HubUrl.AbsoluteUri)}.");
            return 0;
        }

        if (session.RefreshToken is { } refreshToken)
        {
            using var hub = new HttpClient(handler, disposeHandler: false) { BaseAddress = settings.HubUrl, Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                var revoked = await HubTokens.PersonClient(hub).RevokeAsync(refreshToken, cancellationToken: cancellationToken);
                if (revoked is not null)
                {
                    console.MarkupLine($"[yellow]The hub did not revoke the session ({revoked.Status}); it ends when its tokens expire.[/]");
                }
            }
            catch (HttpRequestException exception)
            {
                console.MarkupLine($"[yellow]The hub could not be reached ({Markup.Escape(exception.Message)}); the session ends when its tokens expire.[/]");
            }
        }

        PersonSession.Delete(settings.HubUrl);
        console.MarkupLine($"Signed out at {Markup.Escape(settings.HubUrl.AbsoluteUri)}.");
        return 0;
    }
}
