using System.ComponentModel;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary>The hub to check and, optionally, the catalogue that kept the heads the hub signed earlier.</summary>
public sealed class VerifySettings : HubSettings
{
    [CommandOption("--catalogue <URL>")]
    [Description("Also compare the chain with the heads the hub signed and this catalogue kept (default: FEDERATION_CATALOGUE, when set)")]
    public string? Catalogue { get; set; }

    public Uri? CatalogueUrl => (Catalogue ?? Environment.GetEnvironmentVariable("FEDERATION_CATALOGUE")) is { Length: > 0 } url ? new(url.TrimEnd('/') + "/") : null;

    public override ValidationResult Validate()
    {
        var hub = base.Validate();
        if (!hub.Successful)
        {
            return hub;
        }

        var catalogue = Catalogue ?? Environment.GetEnvironmentVariable("FEDERATION_CATALOGUE");
        return catalogue is { Length: > 0 } && (!Uri.TryCreate(catalogue, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            ? ValidationResult.Error("--catalogue must be an http(s) address, such as https://catalogue.example.")
            : ValidationResult.Success();
    }
}
