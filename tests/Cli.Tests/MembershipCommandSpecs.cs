using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// Staff run the hub's membership from the command line: organisations (a company only with a real KvK number),
/// invitations that arrive as real mail, and suspending, reinstating and removing members by username.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class MembershipCommandSpecs(HubFixture fixture)
{
    [Fact]
    public async Task Staff_add_a_company_and_invite_someone_into_it()
    {
        var badKvk = await CliRun.Of(fixture, "organisations", "add", "Groninger Data B.V.", "--type", "company", "--kvk", "1234567");
        var added = await CliRun.Of(fixture, "organisations", "add", "Groninger Data B.V.", "--type", "company", "--kvk", "12345670");
        var listed = await CliRun.Of(fixture, "organisations", "list");
        var email = LocalMail.NewAddress("groningen");
        var invited = await CliRun.Of(fixture, "members", "invite", email, "--organisation", "groninger-data-b-v", "--name", "Jelle Visser");
        var noOrganisation = await CliRun.Of(fixture, "members", "invite", LocalMail.NewAddress("nergens"));

        Assert.Equal(2, badKvk.ExitCode);
        Assert.Contains("KvK", badKvk.Output, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("groninger-data-b-v", listed.Output, StringComparison.Ordinal);
        Assert.Contains("12345670", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, invited.ExitCode);
        var mail = await LocalMail.Sink.WaitForAsync(email, "invitation");
        Assert.Contains("Groninger Data B.V.", mail.Text, StringComparison.Ordinal);
        Assert.Single(mail.Links);
        Assert.NotEqual(0, noOrganisation.ExitCode);
    }

    [Fact]
    public async Task Staff_suspend_reinstate_and_remove_members_by_username()
    {
        var withoutReason = await CliRun.Of(fixture, "members", "suspend", "researcher");
        var suspended = await CliRun.Of(fixture, "members", "suspend", "researcher", "--reason", "Controle van het gebruik van een dataset.");
        var listedSuspended = await CliRun.Of(fixture, "members", "list", "--state", "suspended");
        var reinstated = await CliRun.Of(fixture, "members", "reinstate", "researcher");
        var removed = await CliRun.Of(fixture, "members", "remove", "company", "--reason", "Het bedrijf heeft opgezegd.");
        var listed = await CliRun.Of(fixture, "members", "list");
        var unknown = await CliRun.Of(fixture, "members", "suspend", "nobody-here", "--reason", "Bestaat niet.");

        Assert.Equal(2, withoutReason.ExitCode);
        Assert.Equal(0, suspended.ExitCode);
        Assert.Contains("researcher", listedSuspended.Output, StringComparison.Ordinal);
        Assert.Equal(0, reinstated.ExitCode);
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("researcher", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("company", listed.Output.Split('\n').Where(line => line.Contains('│', StringComparison.Ordinal)).Select(line => line.Split('│')[2].Trim()));
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task Staff_reset_a_second_factor_only_where_there_is_one_and_with_a_reason()
    {
        var withoutReason = await CliRun.Of(fixture, "members", "reset-second-factor", "researcher");
        var nothingToReset = await CliRun.Of(fixture, "members", "reset-second-factor", "researcher", "--reason", "Telefoon kwijt.");

        Assert.Equal(2, withoutReason.ExitCode);
        Assert.Contains("reason", withoutReason.Output, StringComparison.Ordinal);
        Assert.Equal(2, nothingToReset.ExitCode);
        Assert.Contains("no second factor", nothingToReset.Output, StringComparison.Ordinal);
    }
}
