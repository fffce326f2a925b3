using System.ComponentModel;
using Federation.Cli.Connection;
using Federation.Contracts.Authority;
using Federation.Trust;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Authority;

/// <summary>
/// <c>federation authority admit ID --entity URL --name NAME --issuer URL --api URL --key FILE [--key FILE]</c>: admits
/// a member, or changes what is recorded of it (run again with two keys to start a rollover, then with the new one).
/// A key file may hold the private key: only its public half is sent.
/// </summary>
public sealed class AdmitCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<AdmitCommand.Settings>
{
    public sealed class Settings : AuthoritySettings
    {
        [CommandArgument(0, "<MEMBER-ID>")]
        public string MemberId { get; set; } = "";

        [CommandOption("--entity <URL>")]
        [Description("The member's entity id: the URL it publishes its entity configuration under (its public URL)")]
        public Uri? EntityId { get; set; }

        [CommandOption("--name <NAME>")]
        public string DisplayName { get; set; } = "";

        [CommandOption("--kind <KIND>")]
        [Description("hub (default) or facility")]
        public string Kind { get; set; } = MemberMetadata.HubKind;

        [CommandOption("--issuer <URL>")]
        [Description("The issuer of the member's tokens (default: the entity id)")]
        public Uri? Issuer { get; set; }

        [CommandOption("--api <URL>")]
        [Description("The member's API base URL (default: the entity id)")]
        public Uri? Api { get; set; }

        [CommandOption("--key <FILE>")]
        [Description("A PEM file of the member's federation key (public or private; only the public half is sent). Twice during a rollover")]
        public string[] KeyFiles { get; set; } = [];

        public override ValidationResult Validate()
        {
            var authority = base.Validate();
            return !authority.Successful ? authority
                : EntityId is null ? ValidationResult.Error("Give the member's entity id: --entity https://hub.example")
                : KeyFiles.Length == 0 ? ValidationResult.Error("Give the member's federation key: --key hub.pem")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        foreach (var file in settings.KeyFiles)
        {
            keys.Add(PublicPem(await File.ReadAllTextAsync(file, cancellationToken)));
        }

        var entity = settings.EntityId!;
        var admission = new MemberAdmission(entity, settings.DisplayName, settings.Kind, settings.Issuer ?? entity, settings.Api ?? entity, keys);
        var answer = await settings.Client(handler).AdmitAsync(settings.MemberId, admission, cancellationToken);
        if (answer.Value is not { } member)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(answer.Problem))}");
            return 2;
        }

        console.MarkupLine($"[green]{Markup.Escape(member.MemberId)}[/] is {member.State.ToString().ToLowerInvariant()}, with keys {Markup.Escape(string.Join(", ", member.KeyIds))}.");
        return 0;
    }

    // A private key file gives its public half; a public one is sent as it is.
    private static string PublicPem(string pem)
    {
        if (!pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return pem;
        }

        using var key = FederationKey.FromPem(pem);
        return key.ToPublicPem();
    }
}
