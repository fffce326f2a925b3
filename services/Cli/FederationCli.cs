using Federation.Cli.Artifacts;
using Federation.Cli.Audit;
using Federation.Cli.Authority;
using Federation.Cli.Connection;
using Federation.Cli.Import;
using Federation.Cli.Resources;
using Federation.Cli.SignIn;
using Federation.Clients.Hubs;
using Federation.Clients.Registration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli;

/// <summary>
/// The commands, and what they are given: the console to write to and, in tests, the HTTP handler to use and what
/// "open the browser" does.
/// </summary>
public static class FederationCli
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, HttpMessageHandler? handler = null, Action<Uri>? openBrowser = null)
    {
        // One handler for the run (connections reused); a test passes its own. Over it the federation's resilience, as
        // the portal has it: a read that meets a passing failure is tried again, a change is sent once.
        var primary = handler ?? new SocketsHttpHandler();
        var services = new ServiceCollection().AddSingleton(console).AddSingleton(new BrowserLauncher(openBrowser));
        // The run is short: the chain is built once and never recycled, so the factory never disposes a test's handler.
        services.AddHttpClient(HubClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => primary)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan).AddFederationResilience();
        services.AddSingleton(provider => provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HubClient.HttpClientName));
        var app = new CommandApp(new ServiceRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("federation");
            config.ConfigureConsole(console);
            // Expected failures are said in a sentence with exit code 1; anything else keeps Spectre's report (-1).
            config.SetExceptionHandler((exception, _) =>
            {
                switch (exception)
                {
                    case SignInFailedException:
                        console.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
                        return 1;
                    case HttpRequestException:
                        console.MarkupLine($"[red]The hub cannot be reached: {Markup.Escape(exception.Message)}[/]");
                        return 1;
                    case TaskCanceledException or Polly.Timeout.TimeoutRejectedException:
                        console.MarkupLine("[red]The hub did not answer in time.[/]");
                        return 1;
                    case Polly.CircuitBreaker.BrokenCircuitException:
                        console.MarkupLine("[red]The hub cannot be reached: it failed repeatedly just now. Try again in a few seconds.[/]");
                        return 1;
                    case Federation.Clients.Results.ApiProblemException refused:
                        console.MarkupLine($"[red]The hub refused: {Markup.Escape(refused.Message)}[/]");
                        return 1;
                    case System.Text.Json.JsonException:
                        console.MarkupLine($"[red]A file or an answer could not be read as JSON: {Markup.Escape(exception.Message)}[/]");
                        return 1;
                    default:
                        console.WriteException(exception, ExceptionFormats.ShortenEverything);
                        return -1;
                }
            });
            config.AddCommand<SignInCommand>("sign-in").WithDescription("Sign in at your hub in the browser; later commands act as you");
            config.AddCommand<SignOutCommand>("sign-out").WithDescription("End your sign-in at the hub");
            config.AddBranch("resources", resources =>
            {
                resources.SetDescription("List, publish and withdraw the hub's resources");
                resources.AddCommand<ListCommand>("list");
                resources.AddCommand<UpdateCommand>("update").WithDescription("Replace a resource with the one in a JSON file (the hub's API shape); its optional \"version\" guards against overwriting someone else's change");
                resources.AddCommand<StateCommand>("publish").WithDescription("Publish a draft");
                resources.AddCommand<StateCommand>("withdraw").WithDescription("Withdraw a resource, with a reason");
            });
            config.AddCommand<ImportCommand>("import").WithDescription("Import resources from a CSV or JSON-lines file (--dry-run changes nothing)");
            config.AddBranch("harvest", harvest =>
            {
                harvest.SetDescription("Mirror existing catalogues (staff): sources, runs with a progress bar, reports, confirming withdrawals");
                harvest.AddCommand<Harvest.HarvestSourcesCommand>("sources").WithDescription("List the sources, their schedule and last run");
                harvest.AddCommand<Harvest.HarvestAddCommand>("add").WithDescription("Register a DCAT-AP catalogue to mirror");
                harvest.AddCommand<Harvest.HarvestRunCommand>("run").WithDescription("Run a source now and follow it (--dry-run stores nothing)");
                harvest.AddCommand<Harvest.HarvestRunsCommand>("runs").WithDescription("List a source's latest runs");
                harvest.AddCommand<Harvest.HarvestRunReportCommand>("report").WithDescription("Print a run's report, refusals included");
                harvest.AddCommand<Harvest.HarvestConfirmCommand>("confirm").WithDescription("Withdraw what a held run stopped before withdrawing, after showing which (--yes for scripts)");
            });
            config.AddBranch("artifacts", artifacts => artifacts.AddCommand<UploadCommand>("upload").WithDescription("Upload a file for a resource"));
            config.AddBranch("audit", audit =>
            {
                audit.AddCommand<ExportCommand>("export").WithDescription("Export the hub's audit log as JSON lines");
                audit.AddCommand<VerifyCommand>("verify").WithDescription("Check that the hub's audit log is still as it was written (its hash chain)");
            });
            config.AddBranch("members", members =>
            {
                members.SetDescription("Run the hub's membership (staff): list, invite, suspend, reinstate, remove");
                members.AddCommand<Members.MembersListCommand>("list").WithDescription("List the members, their organisation, roles and standing");
                members.AddCommand<Members.InviteCommand>("invite").WithDescription("Mail someone an invitation to become a member");
                members.AddCommand<Members.StandingCommand>("suspend").WithDescription("Suspend a member, with a reason: their sessions and tokens end at once");
                members.AddCommand<Members.StandingCommand>("reinstate").WithDescription("Reinstate a suspended member");
                members.AddCommand<Members.StandingCommand>("remove").WithDescription("End a membership, with a reason: the account is closed");
                members.AddCommand<Members.StandingCommand>("reset-second-factor")
                    .WithDescription("Turn off the second factor of a member who lost it, with a reason: they set up a new one at their next sign-in");
            });
            config.AddBranch("organisations", organisations =>
            {
                organisations.SetDescription("The hub's organisations (staff)");
                organisations.AddCommand<Organisations.OrganisationsListCommand>("list").WithDescription("List the organisations");
                organisations.AddCommand<Organisations.OrganisationsAddCommand>("add").WithDescription("Add a company (with its KvK number), university, institute or other");
            });
            config.AddBranch("authority", authority =>
            {
                authority.SetDescription("Run the federation's membership at its authority (operators only; FEDERATION_AUTHORITY_SECRET)");
                authority.AddCommand<MembersCommand>("members").WithDescription("List the members and their state");
                authority.AddCommand<AdmitCommand>("admit").WithDescription("Admit a member, or change its record (its keys during a rollover)");
                authority.AddCommand<ChangeCommand>("suspend").WithDescription("Suspend a member: no statement, so no node trusts it, until reinstated");
                authority.AddCommand<ChangeCommand>("reinstate").WithDescription("Reinstate a suspended member");
                authority.AddCommand<ChangeCommand>("remove").WithDescription("Remove a member for good");
            });
            config.AddBranch("compute", compute =>
            {
                compute.SetDescription("Compute of a facility: calls, decisions on applications, usage import (facility staff); your allocations (members)");
                compute.AddBranch("calls", calls =>
                {
                    calls.AddCommand<Compute.CallsListCommand>("list").WithDescription("List a facility's calls (anyone)");
                    calls.AddCommand<Compute.CallsOpenCommand>("open").WithDescription("Open a call for one of the facility's compute offers");
                    calls.AddCommand<Compute.CallsCloseCommand>("close").WithDescription("Close a call before its deadline");
                });
                compute.AddBranch("applications", applications =>
                {
                    applications.AddCommand<Compute.ApplicationsListCommand>("list").WithDescription("List the applications hubs sent, with their reviews");
                    applications.AddCommand<Compute.DecideCommand>("review").WithDescription("Score an application (1-5) with a comment");
                    applications.AddCommand<Compute.DecideCommand>("award").WithDescription("Award an allocation: hours, partition, start and end");
                    applications.AddCommand<Compute.DecideCommand>("reject").WithDescription("Reject an application, with the reason");
                });
                compute.AddBranch("usage", usage => usage.AddCommand<Compute.UsageImportCommand>("import")
                    .WithDescription("Import the scheduler's accounting (sacct --parsable2), with a progress bar; --dry-run keeps nothing"));
                compute.AddCommand<Compute.AllocationsCommand>("allocations").WithDescription("Allocations and their use: all at a facility (staff), yours at your hub");
            });
            config.AddBranch("keys", keys => keys.AddCommand<NewKeyCommand>("new").WithDescription("Make a new federation key (private PEM and its public half)"));
        });
        return await app.RunAsync(args);
    }
}
