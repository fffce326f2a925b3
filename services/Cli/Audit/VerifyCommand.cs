using Federation.Cli.Connection;
using Federation.Clients.Catalogue;
using Federation.Contracts.Catalogue;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary>
/// <c>federation audit verify</c>: the hub walks its audit log's hash chain and says whether it holds, up to which
/// record, and with which head hash. With <c>--catalogue</c> the chain is also compared with the heads the hub signed
/// into its heartbeats and the catalogue kept: a history rewritten and chained anew holds by itself, but no longer
/// gives the hash the hub once signed for the same place. With <c>--authority</c> (and the anchor's key) each head is
/// first checked to be the hub's own signed word (<see cref="HeadProofs"/>), so the comparison does not rest on the
/// catalogue. Exit code 1 when the chain is broken, contradicts a head, or a kept head is not the hub's word.
/// </summary>
public sealed class VerifyCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<VerifySettings>
{
    private const int HeadsCompared = 200;

    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        List<PublishedAuditHead> heads = [];
        var unproven = false;
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
            if (settings.AuthorityUrl is { } authority)
            {
                var keys = await VouchedKeys.ReadAsync(handler, authority, settings.Anchor()!, info.Value!.Id, cancellationToken);
                if (keys is null)
                {
                    console.MarkupLine($"[red]The authority vouches for no hub {Markup.Escape(info.Value.Id)} now:[/] the heads cannot be checked against its keys.");
                    return 1;
                }

                var proofs = HeadProofs.Check(found, info.Value.Id, keys);
                foreach (var (head, problem) in proofs.Refused)
                {
                    console.MarkupLine($"[red]Not the hub's word:[/] the head after record {head.Records} ({Markup.Escape(head.Hash)}) the catalogue kept: {Markup.Escape(problem)}.");
                }

                if (proofs.RetiredKey.Count > 0)
                {
                    console.MarkupLine($"[yellow]{proofs.RetiredKey.Count} heads were signed with keys the authority no longer vouches for:[/] they are compared, but not proven.");
                }

                console.MarkupLine($"{proofs.Proven.Count} heads are the hub's own signed word, checked with the keys the authority vouches for.");
                // A head that is not the hub's word proves nothing about the hub's chain, either way.
                heads = [.. proofs.Proven, .. proofs.RetiredKey];
                unproven = proofs.Refused.Count > 0;
            }
            else
            {
                console.MarkupLine("[yellow]The heads' signatures are not checked:[/] name the authority and its public key (--authority, --anchor-key) to check that each is the hub's own word and not only the catalogue's.");
            }
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

        if (contradicted.Count > 0 || heads.Any(head => head.Contradicts) || unproven)
        {
            return 1;
        }

        console.MarkupLine($"[green]It agrees with all {heads.Count} heads the hub signed that the catalogue kept.[/]");
        return 0;
    }
}
