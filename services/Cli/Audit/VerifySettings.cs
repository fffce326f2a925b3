using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Trust;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary>The hub to check and, optionally, the catalogue that kept the heads the hub signed earlier and the authority whose keys prove them.</summary>
public sealed class VerifySettings : HubSettings
{
    [CommandOption("--catalogue <URL>")]
    [Description("Also compare the chain with the heads the hub signed and this catalogue kept (default: FEDERATION_CATALOGUE, when set)")]
    public string? Catalogue { get; set; }

    public Uri? CatalogueUrl => (Catalogue ?? Environment.GetEnvironmentVariable("FEDERATION_CATALOGUE")) is { Length: > 0 } url ? new(url.TrimEnd('/') + "/") : null;

    [CommandOption("--authority <URL>")]
    [Description("With --catalogue: check that each kept head is the hub's own signed word, with the keys this federation authority vouches for (default: FEDERATION_AUTHORITY)")]
    public string? Authority { get; set; }

    [CommandOption("--anchor-key <FILE>")]
    [Description("The authority's public key (PEM) that its statements must be signed with; repeat during its key rollover (default: FEDERATION_ANCHOR_KEY)")]
    public string[]? AnchorKeys { get; set; }

    [CommandOption("--anchor-id <URI>")]
    [Description("The authority's entity id, when not its address (default: FEDERATION_ANCHOR_ID)")]
    public string? AnchorId { get; set; }

    public Uri? AuthorityUrl => (Authority ?? Environment.GetEnvironmentVariable("FEDERATION_AUTHORITY")) is { Length: > 0 } url ? new(url.TrimEnd('/') + "/") : null;

    private IReadOnlyList<string> AnchorKeyFiles =>
        AnchorKeys is { Length: > 0 } keys ? keys
        : Environment.GetEnvironmentVariable("FEDERATION_ANCHOR_KEY") is { Length: > 0 } key ? [key]
        : [];

    /// <summary>The trust anchor the person running the command names, or null when no authority is named.</summary>
    public TrustAnchor? Anchor() =>
        AuthorityUrl is { } authority
            ? TrustAnchor.FromPem((AnchorId ?? Environment.GetEnvironmentVariable("FEDERATION_ANCHOR_ID")) is { Length: > 0 } id ? new Uri(id) : authority,
                AnchorKeyFiles.Select(File.ReadAllText))
            : null;

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    public override ValidationResult Validate()
    {
        var hub = base.Validate();
        if (!hub.Successful)
        {
            return hub;
        }

        var catalogue = Catalogue ?? Environment.GetEnvironmentVariable("FEDERATION_CATALOGUE");
        if (catalogue is { Length: > 0 } && !IsWebAddress(catalogue))
        {
            return ValidationResult.Error("--catalogue must be an http(s) address, such as https://catalogue.example.");
        }

        var authority = Authority ?? Environment.GetEnvironmentVariable("FEDERATION_AUTHORITY");
        if (authority is not { Length: > 0 })
        {
            return ValidationResult.Success();
        }

        if (!IsWebAddress(authority))
        {
            return ValidationResult.Error("--authority must be an http(s) address, such as https://authority.example.");
        }

        if (catalogue is not { Length: > 0 })
        {
            return ValidationResult.Error("--authority checks the heads a catalogue kept: name the catalogue too (--catalogue or FEDERATION_CATALOGUE).");
        }

        if (AnchorKeyFiles.Count == 0)
        {
            return ValidationResult.Error("Name the authority's public key with --anchor-key (or FEDERATION_ANCHOR_KEY): its statements are checked against it.");
        }

        if (AnchorKeyFiles.FirstOrDefault(file => !File.Exists(file)) is { } missing)
        {
            return ValidationResult.Error($"--anchor-key names '{missing}', which does not exist.");
        }

        var anchorId = AnchorId ?? Environment.GetEnvironmentVariable("FEDERATION_ANCHOR_ID");
        if (anchorId is { Length: > 0 } && !Uri.TryCreate(anchorId, UriKind.Absolute, out _))
        {
            return ValidationResult.Error("--anchor-id must be an absolute URI, the authority's entity id.");
        }

        try
        {
            _ = Anchor();
            return ValidationResult.Success();
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            return ValidationResult.Error($"--anchor-key must name the authority's public key as PEM: {exception.Message}");
        }
    }
}
