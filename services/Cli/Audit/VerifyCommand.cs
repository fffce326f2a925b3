using Federation.Cli.Connection;
using Federation.Clients.Catalogue;
using Federation.Contracts.Catalogue;
using Federation.Trust;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary>
/// <c>federation audit verify</c>: the hub walks its audit log's hash chain and says whether it holds, up to which
/// record, and with which head hash. With <c>--catalogue</c> the chain is also compared with the heads the hub signed
/// into its heartbeats and the catalogue kept: a history rewritten and chained anew holds by itself, but no longer
/// gives the hash the hub once signed for the same place. With <c>--authority</c> (and the anchor's key) each head is
/// first checked to be the hub's own signed word (<see cref="HeadProofs"/>), so the comparison does not rest on the
/// catalogue. Exit code 1 when the chain is broken, contradicts a head, or a kept head is not the hub's word; 2 when
/// the check could not be made (hub, catalogue or authority refused or unreachable, nothing proven to compare with).
/// </summary>
public sealed class VerifyCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<VerifySettings>
{
    private const int HeadsCompared = 200;

    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        List<PublishedAuditHead> heads = [];
        var notTheHubsWord = false;
        IReadOnlyList<long> contradictedPlaces = [];
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
                var proven = await ProveAsync(found, info.Value!.Id, authority, settings.Anchor()!, cancellationToken);
                if (proven.ExitCode is { } failed)
                {
                    return failed;
                }

                heads = [.. proven.Heads];
                notTheHubsWord = proven.Refused;
                contradictedPlaces = proven.Contradicted;
            }
            else
            {
                console.MarkupLine("[yellow]The heads' signatures are not checked:[/] name the authority and its public key (--authority, --anchor-key) to check that each is the hub's own word and not only the catalogue's.");
                contradictedPlaces = heads.Where(head => head.Contradicts).Select(head => head.Records).Distinct().ToList();
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

        if (contradictedPlaces.Count > 0)
        {
            console.MarkupLine($"[red]The hub signed heads that contradict each other[/] (two hashes after record {string.Join(", ", contradictedPlaces)}).");
        }

        if (contradicted.Count > 0 || contradictedPlaces.Count > 0 || notTheHubsWord)
        {
            return 1;
        }

        console.MarkupLine($"[green]It agrees with all {heads.Count} heads the hub signed that the catalogue kept.[/]");
        return 0;
    }

    private sealed record Proof(IReadOnlyList<PublishedAuditHead> Heads, bool Refused, IReadOnlyList<long> Contradicted, int? ExitCode);

    // The heads that are the hub's own signed word, with the keys the authority vouches for now; says what it left out.
    private async Task<Proof> ProveAsync(IReadOnlyList<PublishedAuditHead> kept, string hubId, Uri authority, TrustAnchor anchor, CancellationToken cancellationToken)
    {
        VouchedKeys.Answer vouched;
        try
        {
            vouched = await VouchedKeys.ReadAsync(handler, authority, anchor, hubId, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine($"[red]The authority at {Markup.Escape(authority.ToString())} could not be read:[/] {Markup.Escape(exception.Message)}");
            return new Proof([], false, [], 2);
        }

        if (vouched.Keys is not { } keys)
        {
            var refusals = vouched.Refusals.Count > 0 ? $" ({vouched.Refusals.Count} of its statements refused, e.g. {vouched.Refusals[0]})" : "";
            console.MarkupLine($"[red]The authority vouches for no hub {Markup.Escape(hubId)} now{Markup.Escape(refusals)}:[/] the heads cannot be checked.");
            return new Proof([], false, [], 2);
        }

        var proofs = HeadProofs.Check(kept, hubId, keys);
        foreach (var (head, problem) in proofs.Refused)
        {
            console.MarkupLine($"[red]Not the hub's word:[/] the head after record {head.Records} ({Markup.Escape(head.Hash)}) the catalogue kept: {Markup.Escape(problem)}.");
        }

        if (proofs.UnknownKey.Count > 0)
        {
            console.MarkupLine($"[yellow]{proofs.UnknownKey.Count} heads are signed with keys the authority does not vouch for now[/] (retired, or made up): they prove nothing and are left out.");
        }

        console.MarkupLine($"{proofs.Proven.Count} heads are the hub's own signed word, checked with the keys the authority vouches for.");
        if (proofs.Proven.Count == 0)
        {
            console.MarkupLine("[red]No head the catalogue kept is proven to be the hub's word:[/] there is nothing to compare with.");
            return new Proof([], proofs.Refused.Count > 0, [], proofs.Refused.Count > 0 ? 1 : 2);
        }

        return new Proof(proofs.Proven, proofs.Refused.Count > 0, proofs.Contradicted, null);
    }
}
