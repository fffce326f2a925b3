using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Resources;
using Microsoft.Extensions.DependencyInjection;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Resource grains in a real silo, their state in a real PostgreSQL database.</summary>
public sealed class ResourceGrainSpecs : SpecsOnAFresh<HubHost>
{
    private static readonly AuditActor Anna = new("member", "anna", "brainport", "Anna");

    private static ResourceContent Content(string title = "Wafer defect images") =>
        ResourceValidator.Validate(new ResourceInput { Kind = "dataset", Title = title, Licence = "CC-BY-4.0", AccessPolicy = "approval", Publisher = "ASML" }).Content!;

    private IResourceGrain Grain(Guid id) => Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IResourceGrain>(id);

    [Fact]
    public async Task Every_change_adds_one_to_the_version_and_only_public_changes_reach_the_feed()
    {
        var grain = Grain(Guid.NewGuid());

        var created = await grain.CreateDraft(Content(), Anna);
        var edited = await grain.Update(Content("Wafer defect images 2024"), 1, Anna);
        var published = await grain.Publish(2, Anna);
        var changed = await grain.Update(Content("Wafer defect images 2025"), 3, Anna);
        var withdrawn = await grain.Withdraw("superseded", null, Anna);

        Assert.Equal([1, 2, 3, 4, 5], new[] { created, edited, published, changed, withdrawn }.Select(o => o.Resource!.Version));
        Assert.Equal(ResourceState.Withdrawn, withdrawn.Resource!.State);
        Assert.Equal("superseded", withdrawn.Resource.WithdrawalReason);
        // Draft edits stay inside the hub; publish, change and withdrawal are the federation's business.
        Assert.Equal(3, await Host.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task The_lifecycle_only_moves_forward()
    {
        var grain = Grain(Guid.NewGuid());
        await grain.CreateDraft(Content(), Anna);
        await grain.Publish(null, Anna);

        Assert.Equal(OutcomeStatus.Conflict, (await grain.Publish(null, Anna)).Status);
        await grain.Withdraw(null, null, Anna);
        Assert.Equal(OutcomeStatus.Conflict, (await grain.Update(Content(), null, Anna)).Status);
        Assert.Equal(OutcomeStatus.Conflict, (await grain.Withdraw(null, null, Anna)).Status);
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_changes_nothing()
    {
        var grain = Grain(Guid.NewGuid());
        await grain.CreateDraft(Content(), Anna);

        var outcome = await grain.Update(Content("Other title"), expectedVersion: 7, Anna);

        Assert.Equal(OutcomeStatus.VersionMismatch, outcome.Status);
        Assert.Equal("Wafer defect images", (await grain.Get())!.Title);
    }

    [Fact]
    public async Task The_kind_cannot_change()
    {
        var grain = Grain(Guid.NewGuid());
        await grain.CreateDraft(Content(), Anna);
        var asModel = Content() with { Kind = ResourceKind.Model };

        var outcome = await grain.Update(asModel, null, Anna);

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("kind", outcome.Field);
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_hub()
    {
        var id = Guid.NewGuid();
        await Grain(id).CreateDraft(Content(), Anna);
        await Grain(id).Publish(null, Anna);

        await Host.RestartAsync();

        var resource = await Grain(id).Get();
        Assert.NotNull(resource);
        Assert.Equal(ResourceState.Published, resource.State);
        Assert.Equal(2, resource.Version);
    }

    [Fact]
    public async Task Unknown_resources_are_not_found()
    {
        var outcome = await Grain(Guid.NewGuid()).Publish(null, Anna);
        Assert.Equal(OutcomeStatus.NotFound, outcome.Status);
    }
}
