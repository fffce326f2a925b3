using System.Globalization;
using Federation.Clients.Hubs;
using Federation.Clients.Results;
using Federation.Contracts.Compute;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.ComputeAccess;

/// <summary>
/// POST /facility/usage/import: a scheduler's accounting file (sacct --parsable2) from facility staff's browser, sent on to
/// their facility in parts as the CLI sends it (<see cref="AccountingParts"/>), checked only with "dry run". The usage
/// page shows the sums, or the facility's reasons with the file's own line numbers.
/// </summary>
public static class UsageImportEndpoint
{
    private const string Page = "/facility/usage";

    // A month of a large cluster's jobs; larger files go through the CLI, which streams them.
    private const long LargestFile = 256L * 1024 * 1024;

    private const int MostReasons = 10;

    public static WebApplication MapUsageImport(this WebApplication app)
    {
        app.MapPost($"{Page}/import", async (HttpContext http, IAntiforgery antiforgery, HubGateway gateway, FailureNotices notices, CancellationToken cancellationToken) =>
        {
            // Who it is, before a byte of a file that may be large is read.
            if (!http.User.AtFacility() || !http.User.IsStaff() || http.User.HomeHub() is not { } facility)
            {
                return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(Page)}");
            }

            if (await LargeForm.ReadGenuineAsync(http, antiforgery, LargestFile, cancellationToken) is not { } form)
            {
                return Results.BadRequest();
            }

            if (await gateway.ClientForAsync(http, facility, cancellationToken) is not { } client)
            {
                return Results.LocalRedirect($"{Page}?{notices.Query(Guid.Empty.ToString(), "The facility could not be reached or no longer honours your session; nothing was imported.")}");
            }

            if (form.Files.GetFile("file") is not { Length: > 0 } file)
            {
                return Results.LocalRedirect($"{Page}?{notices.Query(Guid.Empty.ToString(), "Choose the file sacct --parsable2 wrote.")}");
            }

            var dryRun = form["dryRun"] == "true";
            var summaries = new List<UsageImportSummary>();
            using var reader = new StreamReader(file.OpenReadStream());
            await foreach (var part in AccountingParts.ReadAsync(reader, AccountingParts.DefaultLines, cancellationToken))
            {
                var answer = await gateway.CallAsync(client, facility, (api, token) => api.ImportUsageAsync(part.Text, dryRun, token), cancellationToken);
                if (answer.Value is not { } summary)
                {
                    var all = answer.Errors.SelectMany(e => e.Value).DefaultIfEmpty(answer.Detail ?? answer.Status.ToString()).ToList();
                    // The first reasons are enough to fix the file (and keep the address short); the CLI lists them all.
                    var reasons = all.Take(MostReasons).Select(reason => AccountingParts.InFile(reason, part.FirstLine))
                        .Concat(all.Count > MostReasons ? [$"And {all.Count - MostReasons} more."] : []);
                    var before = summaries.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                        $"The {summaries.Count} part(s) of {AccountingParts.DefaultLines:N0} lines before line {part.FirstLine} were {(dryRun ? "checked" : "imported")}. ");
                    return Results.LocalRedirect($"{Page}?{notices.Query(Guid.Empty.ToString(), before + string.Join(" ", reasons))}");
                }

                summaries.Add(summary);
            }

            var outcome = new UsageOutcome(dryRun, summaries.Sum(s => s.Jobs), summaries.Sum(s => s.NewJobs), summaries.Sum(s => s.AlreadyImported),
                summaries.Sum(s => s.AcceleratorHours), summaries.Sum(s => s.EnergyKwh), summaries.Sum(s => s.Unfinished));
            if (summaries.Count == 0)
            {
                return Results.LocalRedirect($"{Page}?{notices.Query(Guid.Empty.ToString(), "The file has no jobs: a header line and then one line per job, as sacct --parsable2 writes them.")}");
            }

            return Results.LocalRedirect($"{Page}?outcome={Uri.EscapeDataString(notices.Seal(outcome.ToText()))}");
        }).ExcludeFromDescription();
        return app;
    }
}
