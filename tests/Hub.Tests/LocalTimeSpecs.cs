using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>
/// Times staff give in their own time zone (an offset other than Z) mean the same instant: a grant's end, an approval's
/// end and the audit log's date bounds are accepted and kept as that instant, never refused with a 500.
/// </summary>
public sealed class LocalTimeSpecs : StaffHubSpecs
{
    private static readonly TimeSpan Amsterdam = TimeSpan.FromHours(2);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_grant_and_an_approval_ending_at_a_local_time_end_at_that_instant()
    {
        var dataset = await StaffApi.PublishedAsync(ResourceJson.Minimal("dataset", "Meetreeksen dijkbewaking", "approval", "Waterschap"));
        using var memberHttp = await Host.CreateClientAsync("researcher");
        var request = (await new HubClient(memberHttp).RequestAccessAsync(dataset,
            new AccessRequestInput("Calibrating a dike stability model for a regional study.", AcceptTerms: true), Cancellation)).EnsureSuccess();
        var ends = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(30).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var grant = (await StaffApi.GrantAsync(dataset, new GrantInput("organisation", Host.HubId, GranteeSubject: null, "tu-delft",
            ends.ToOffset(Amsterdam)), Cancellation)).EnsureSuccess();
        var approved = (await StaffApi.ApproveAccessAsync(request.Id, new ApprovalInput("person", ends.AddDays(1).ToOffset(TimeSpan.FromHours(-5)), "Fine."),
            Cancellation)).EnsureSuccess();

        Assert.Equal(ends, grant.ExpiresAt);
        var live = (await StaffApi.ListGrantsAsync(dataset, live: true, Cancellation)).EnsureSuccess();
        Assert.Contains(live, g => g.Id == grant.Id && g.ExpiresAt == ends);
        Assert.Contains(live, g => g.Id == approved.Grant!.Id && g.ExpiresAt == ends.AddDays(1));
    }

    [Fact]
    public async Task The_audit_log_read_between_local_times_holds_what_happened_between_those_instants()
    {
        var created = (await StaffApi.CreateResourceAsync(ResourceJson.Dataset(), Cancellation)).EnsureSuccess();
        var now = DateTimeOffset.UtcNow;

        var page = (await StaffApi.AuditAsync(new AuditFilter(ResourceId: created.Id, From: now.AddMinutes(-5).ToOffset(Amsterdam),
            To: now.AddMinutes(5).ToOffset(Amsterdam)), Cancellation)).EnsureSuccess();
        var later = (await StaffApi.AuditAsync(new AuditFilter(ResourceId: created.Id, From: now.AddMinutes(5).ToOffset(Amsterdam)), Cancellation)).EnsureSuccess();

        Assert.Contains(page.Items, record => record.Action == "resource.created");
        Assert.Empty(later.Items);
    }
}
