using System.ComponentModel;
using Federation.Clients.Authority;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Authority;

/// <summary>
/// Which federation authority, as its operators: its address from an option or FEDERATION_AUTHORITY, the operators'
/// secret from FEDERATION_AUTHORITY_SECRET only (never an option, so it stays out of shell history).
/// </summary>
public class AuthoritySettings : CommandSettings
{
    [CommandOption("--authority <URL>")]
    [Description("The authority's address (default: FEDERATION_AUTHORITY)")]
    public string? Authority { get; set; }

    public Uri AuthorityUrl => new((Authority ?? Environment.GetEnvironmentVariable("FEDERATION_AUTHORITY") ?? "").TrimEnd('/') + "/");

    public override ValidationResult Validate()
    {
        var address = Authority ?? Environment.GetEnvironmentVariable("FEDERATION_AUTHORITY");
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error("Name the authority: --authority https://authority.example or FEDERATION_AUTHORITY.");
        }

        return string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FEDERATION_AUTHORITY_SECRET"))
            ? ValidationResult.Error("Set FEDERATION_AUTHORITY_SECRET to the operators' secret; it is read from the environment only.")
            : ValidationResult.Success();
    }

    public AuthorityClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler, disposeHandler: false) { BaseAddress = AuthorityUrl, Timeout = TimeSpan.FromSeconds(30) },
            Environment.GetEnvironmentVariable("FEDERATION_AUTHORITY_SECRET"));
}
