using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Connection;

/// <summary>Which hub: its address, from an option or FEDERATION_HUB.</summary>
public class HubAddressSettings : CommandSettings
{
    [CommandOption("--hub <URL>")]
    [Description("The hub's address (default: FEDERATION_HUB)")]
    public string? Hub { get; set; }

    public Uri HubUrl => new((Hub ?? Environment.GetEnvironmentVariable("FEDERATION_HUB") ?? "").TrimEnd('/') + "/");

    public override ValidationResult Validate()
    {
        var hub = Hub ?? Environment.GetEnvironmentVariable("FEDERATION_HUB");
        return hub is null || !Uri.TryCreate(hub, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            ? ValidationResult.Error("Name the hub: --hub https://hub.example or FEDERATION_HUB.")
            : ValidationResult.Success();
    }
}

/// <summary>
/// Which hub, and as whom: the hub's staff client (client credentials flow) when FEDERATION_CLIENT_SECRET is set,
/// otherwise the person signed in there with <c>federation sign-in</c>. The secret comes from the environment only,
/// so that it stays out of shell history and process lists.
/// </summary>
public class HubSettings : HubAddressSettings
{
    [CommandOption("--client-id <ID>")]
    [Description("The staff client's id (default: FEDERATION_CLIENT_ID)")]
    public string? ClientId { get; set; }

    [Description("The staff client's secret is read from FEDERATION_CLIENT_SECRET only, never from an option")]
    public string? ClientSecret => Environment.GetEnvironmentVariable("FEDERATION_CLIENT_SECRET");

    public string Client => ClientId ?? Environment.GetEnvironmentVariable("FEDERATION_CLIENT_ID") ?? "";

    public bool AsStaffClient => !string.IsNullOrEmpty(ClientSecret);

    public override ValidationResult Validate()
    {
        var address = base.Validate();
        if (!address.Successful)
        {
            return address;
        }

        return AsStaffClient && Client.Length == 0
            ? ValidationResult.Error("FEDERATION_CLIENT_SECRET is set: set FEDERATION_CLIENT_ID (or --client-id) too, the staff client it belongs to.")
            : ValidationResult.Success();
    }
}
