using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Cli.Connection;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Resources;

/// <summary>
/// <c>federation resources update ID FILE.json</c>: replaces a resource with the one in the file (the hub's API
/// shape), only if nobody changed it since the version the file names (<c>"version"</c>, sent as If-Match).
/// </summary>
public sealed class UpdateCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<UpdateCommand.Settings>
{
    public sealed class Settings : ResourceFileSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ResourceInput resource;
        int? version;
        try
        {
            var file = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(settings.File, cancellationToken)) as JsonObject
                ?? throw new JsonException("The file does not hold a JSON object.");
            // The version is not part of the resource: it travels as If-Match.
            if (!TryReadVersion(file["version"], out version))
            {
                console.MarkupLine($"[red]{Markup.Escape(settings.File)}: \"version\" must be a whole number (the version your change is based on), "
                                   + $"not {Markup.Escape(file["version"]!.ToJsonString())}.[/]");
                return 1;
            }

            file.Remove("version");
            resource = file.Deserialize<ResourceInput>(FederationJson.Options)!;
        }
        catch (JsonException exception)
        {
            console.MarkupLine($"[red]{Markup.Escape(settings.File)} is not a resource: {Markup.Escape(exception.Message)}[/]");
            return 1;
        }

        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var saved = await connection.Hub.UpdateResourceAsync(settings.Id, resource, version, cancellationToken);
        if (saved.Value is null)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(saved.Problem))}");
            return 2;
        }

        console.WriteLine($"{settings.Id} is now version {saved.Value.Version}.");
        return 0;
    }

    /// <summary>No version (or null) is fine: the update is then not guarded. Anything but a whole number is a mistake.</summary>
    private static bool TryReadVersion(JsonNode? node, out int? version)
    {
        version = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue value && value.TryGetValue<int>(out var number))
        {
            version = number;
            return true;
        }

        return false;
    }
}
