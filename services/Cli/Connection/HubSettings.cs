using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Connection;

/// <summary>
/// Which hub, and as whom: the hub's address and the staff client's credentials (client credentials flow). Each comes
/// from an option or, so that secrets stay out of shell history and process lists, from the environment.
/// </summary>
public class HubSettings : CommandSettings
{
    [CommandOption("--hub <URL>")]
    [Description("The hub's address (default: FEDERATION_HUB)")]
    public string? Hub { get; set; }

    [CommandOption("--client-id <ID>")]
    [Description("The staff client's id (default: FEDERATION_CLIENT_ID)")]
    public string? ClientId { get; set; }

    [Description("The staff client's secret is read from FEDERATION_CLIENT_SECRET only, never from an option")]
    public string? ClientSecret => Environment.GetEnvironmentVariable("FEDERATION_CLIENT_SECRET");

    public Uri HubUrl => new((Hub ?? Environment.GetEnvironmentVariable("FEDERATION_HUB") ?? "").TrimEnd('/') + "/");

    public string Client => ClientId ?? Environment.GetEnvironmentVariable("FEDERATION_CLIENT_ID") ?? "";

    public override ValidationResult Validate()
    {
        var hub = Hub ?? Environment.GetEnvironmentVariable("FEDERATION_HUB");
        if (hub is null || !Uri.TryCreate(hub, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error("Name the hub: --hub https://hub.example or FEDERATION_HUB.");
        }

        return Client.Length == 0 || string.IsNullOrEmpty(ClientSecret)
            ? ValidationResult.Error("Set FEDERATION_CLIENT_ID (or --client-id) and FEDERATION_CLIENT_SECRET: the staff client this command acts as.")
            : ValidationResult.Success();
    }
}
