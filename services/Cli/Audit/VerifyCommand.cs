using Federation.Cli.Connection;
using Federation.Clients.Catalogue;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary>
/// <c>federation audit verify</c>: the hub walks its audit log's hash chain and says whether it holds, up to which
/// record, and with which head hash. With <c>--catalogue</c> the chain is also compared with the heads the hub signed
/// into its heartbeats and the catalogue kept: a history rewritten and chained anew holds by itself, but no longer
/// gives the hash the hub once signed for the same place. Exit code 1 when the chain is broken or contradicts a head.
/// </summary>
public sealed class VerifyCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<VerifySettings>
{
    private const int HeadsCompared = 200;

    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        List<Federation.Contracts.Catalogue.PublishedAuditHead> heads = [];
        if (settings.CatalogueUrl is { } catalogueUrl)
        {
            var info = await connection.Hub.InfoAsync(cancellationToken);
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = catalogueUrl };
            var kept = info.Value is { } hub ? await new CatalogueClient(http).AuditHeadsAsync(hub.Id, HeadsCompared, cancellationToken) : null;
            if (kept?.Value is not { } found)
            {
                console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(kept?.Problem ?? info.Problem))}");
                return 2;
            }

            if (found.Count == 0)
            {
                console.MarkupLine("[red]The catalogue kept no heads of this hub's audit chain:[/] there is nothing to compare with.");
                return 1;
            }

            heads = found;
        }

        var answer = await connection.Hub.VerifyAuditAsync(heads.Count > 0 ? heads.Select(head => head.Records).Distinct() : null, cancellationToken);
        if (answer.Value is not { } verification)
        {
            console.MarkupLine($"[red]Refused:[/] {Markup.Escape(Refusal.Of(answer.Problem))}");
            return 2;
        }

        if (!verification.Intact)
        {
            console.MarkupLine($"[red]The audit log is broken at record {verification.BrokenAt}:[/] {Markup.Escape(verification.Problem ?? "")}");
            console.WriteLine($"The first {verification.Verified} records hold; the last of them has hash {verification.HeadHash}.");
            return 1;
        }

        console.MarkupLine($"[green]The audit log holds:[/] {verification.Verified} records, head {verification.HeadSeq} with hash {verification.HeadHash}.");
        if (settings.CatalogueUrl is null)
        {
            return 0;
        }

        var chain = (verification.Checkpoints ?? []).ToDictionary(checkpoint => checkpoint.Seq, checkpoint => checkpoint.Hash);
        var contradicted = heads.Where(head => chain.GetValueOrDefault(head.Records) != head.Hash).ToList();
        foreach (var head in contradicted)
        {
            var now = chain.GetValueOrDefault(head.Records) is { } hash ? $"now {hash}" : "the chain no longer reaches that far";
            console.MarkupLine($"[red]Rewritten:[/] the hub signed on {head.SignedAt:u} that after record {head.Records} the hash was {head.Hash}; {Markup.Escape(now)}.");
        }

        if (heads.Any(head => head.Contradicts))
        {
            console.MarkupLine("[red]The catalogue also kept heads the hub signed that contradict each other.[/]");
        }

        if (contradicted.Count > 0 || heads.Any(head => head.Contradicts))
        {
            return 1;
        }

        console.MarkupLine($"[green]It agrees with all {heads.Count} heads the hub signed that the catalogue kept.[/]");
        return 0;
    }
}
