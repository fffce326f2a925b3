using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Audit;

/// <summary>
/// <c>federation audit verify</c>: the hub walks its audit log's hash chain and says whether it holds, up to which
/// record, and with which head hash (to compare with a head published earlier). Exit code 1 when it is broken.
/// </summary>
public sealed class VerifyCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HubSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HubSettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var answer = await connection.Hub.VerifyAuditAsync(cancellationToken);
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
        return 0;
    }
}
