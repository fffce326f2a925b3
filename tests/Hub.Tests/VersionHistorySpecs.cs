using System.Net;
using Federation.Clients.Hubs;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>
/// Every version of a resource stays readable at its hub, with the staff's note per change: the versions, one version
/// whole, and what changed between any two, field by field. Anyone else sees only what the federation saw.
/// </summary>
public sealed class VersionHistorySpecs : StaffHubSpecs
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static ResourceInput First => new()
    {
        Kind = "dataset", Title = "Waterstanden Maas", Summary = "Per uur gemeten.", Keywords = ["water", "rivier"], Licence = "CC-BY-4.0",
        AccessPolicy = "open", Publisher = "Rijkswaterstaat", Language = "nl",
    };

    [Fact]
    public async Task Each_change_is_a_version_with_its_note_and_what_changed_between_any_two_is_said_field_by_field()
    {
        var draft = await StaffApi.CreateResourceAsync(First with { ChangeNote = "Eerste opzet." }, Cancellation).EnsureSuccessAsync();
        var published = await StaffApi.PublishAsync(draft.Id, draft.Version, Cancellation).EnsureSuccessAsync();
        var changed = await StaffApi.UpdateResourceAsync(draft.Id, First with
        {
            Title = "Waterstanden Maas en Waal", Keywords = ["water", "rivier", "waal"], Summary = null, ChangeNote = "De Waal erbij; samenvatting weg.",
        }, published.Version, Cancellation).EnsureSuccessAsync();

        var versions = await StaffApi.VersionsAsync(draft.Id, Cancellation).EnsureSuccessAsync();

        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal([ResourceState.Published, ResourceState.Published, ResourceState.Draft], versions.Select(v => v.State));
        Assert.Equal(["De Waal erbij; samenvatting weg.", null, "Eerste opzet."], versions.Select(v => v.Note));
        Assert.Single(versions.Select(v => v.ChangedBy).Distinct()); // the one member of staff who made them all, named
        Assert.Contains("brainport:", versions[0].ChangedBy, StringComparison.Ordinal);
        Assert.Equal("Waterstanden Maas", (await StaffApi.VersionAsync(draft.Id, 2, Cancellation).EnsureSuccessAsync()).Title);
        Assert.Equal(changed.Title, (await StaffApi.VersionAsync(draft.Id, 3, Cancellation).EnsureSuccessAsync()).Title);

        var diff = await StaffApi.VersionChangesAsync(draft.Id, 2, 3, Cancellation).EnsureSuccessAsync();

        Assert.Equal(
            [("keywords[2]", "added", null, "waal"), ("summary", "removed", "Per uur gemeten.", null), ("title", "changed", "Waterstanden Maas", "Waterstanden Maas en Waal")],
            diff.Changes.Select(c => (c.Field, c.Change, c.Before, c.After)));
        var lifecycle = await StaffApi.VersionChangesAsync(draft.Id, 1, 2, Cancellation).EnsureSuccessAsync();
        Assert.Equal([("state", "changed", "draft", "published")], lifecycle.Changes.Select(c => (c.Field, c.Change, c.Before, c.After)));
    }

    [Fact]
    public async Task Anyone_else_sees_only_the_versions_the_federation_saw_and_nothing_of_a_resource_never_published()
    {
        var anyone = new HubClient(Host.CreateClient());
        var draft = await StaffApi.CreateResourceAsync(First, Cancellation).EnsureSuccessAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await anyone.VersionsAsync(draft.Id, Cancellation)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.VersionAsync(draft.Id, 1, Cancellation)).Status);

        await StaffApi.PublishAsync(draft.Id, draft.Version, Cancellation).EnsureSuccessAsync();
        var versions = await anyone.VersionsAsync(draft.Id, Cancellation).EnsureSuccessAsync();

        Assert.Equal([2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal("", v.ChangedBy));
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.VersionAsync(draft.Id, 1, Cancellation)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.VersionChangesAsync(draft.Id, 1, 2, Cancellation)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.VersionAsync(draft.Id, 9, Cancellation)).Status);
    }

    [Fact]
    public async Task A_withdrawal_is_a_version_whose_note_is_its_reason_and_a_note_too_long_is_refused_by_field()
    {
        var draft = await StaffApi.CreateResourceAsync(First, Cancellation).EnsureSuccessAsync();
        var published = await StaffApi.PublishAsync(draft.Id, draft.Version, Cancellation).EnsureSuccessAsync();

        var tooLong = await StaffApi.UpdateResourceAsync(draft.Id, First with { ChangeNote = new string('x', 1_001) }, published.Version, Cancellation);
        await StaffApi.WithdrawAsync(draft.Id, new WithdrawalInput("Vervangen door de nieuwe meetreeks."), published.Version, Cancellation).EnsureSuccessAsync();

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.True(tooLong.Errors.ContainsKey("changeNote"));
        var versions = await StaffApi.VersionsAsync(draft.Id, Cancellation).EnsureSuccessAsync();
        Assert.Equal((3, ResourceState.Withdrawn, "Vervangen door de nieuwe meetreeks."), (versions[0].Version, versions[0].State, versions[0].Note));
    }
}
