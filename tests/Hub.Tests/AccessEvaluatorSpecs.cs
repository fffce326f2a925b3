using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Hub.Access.Grants;
using Federation.Hub.Access.Policies;
using Federation.Hub.Access.Requests;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Who may use a resource's protected parts, for every policy and every kind of caller and grant, on real stored grants.</summary>
public sealed class AccessEvaluatorSpecs : SpecsOnAFresh<HubHost>
{
    private static readonly CallerIdentity Staff = Caller("brainport", "staff-1", "brainport-hub", "hub-staff", "member");
    private static readonly CallerIdentity Member = Caller("brainport", "member-1", "tue", "member");
    private static readonly CallerIdentity Lotte = Guest("noord-nederland", "lotte", "rug");
    private static readonly CallerIdentity Jelle = Guest("noord-nederland", "jelle", "rug");
    private static readonly CallerIdentity Pieter = Guest("noord-nederland", "pieter", "energie-noord");
    private static readonly CallerIdentity Eva = Guest("amsterdam", "eva", "rug");

    private AccessEvaluator Evaluator => Host.Services.GetRequiredService<AccessEvaluator>();

    [Theory]
    [InlineData(AccessPolicy.Open, null, true)]
    [InlineData(AccessPolicy.Federation, null, false)]
    [InlineData(AccessPolicy.Federation, "guest", true)]
    [InlineData(AccessPolicy.Federation, "member", true)]
    [InlineData(AccessPolicy.Hub, null, false)]
    [InlineData(AccessPolicy.Hub, "guest", false)]
    [InlineData(AccessPolicy.Hub, "member", true)]
    [InlineData(AccessPolicy.Approval, null, false)]
    [InlineData(AccessPolicy.Approval, "guest", false)]
    [InlineData(AccessPolicy.Approval, "member", false)]
    [InlineData(AccessPolicy.Approval, "staff", true)]
    public async Task Policies_without_grants(AccessPolicy policy, string? who, bool allowed)
    {
        var caller = who switch { "guest" => Lotte, "member" => Member, "staff" => Staff, _ => null };

        var decision = await Evaluator.EvaluateAsync(Resource(policy), caller, CancellationToken.None);

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public async Task Only_staff_see_the_protected_parts_of_an_unpublished_resource()
    {
        var draft = Resource(AccessPolicy.Open) with { State = ResourceState.Draft, PublishedAt = null };

        Assert.False((await Evaluator.EvaluateAsync(draft, Member, CancellationToken.None)).Allowed);
        Assert.True((await Evaluator.EvaluateAsync(draft, Staff, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_grant_to_a_person_admits_that_person_only()
    {
        var resource = Resource(AccessPolicy.Approval);
        await GrantAsync(resource.Id, Grant.Person, "noord-nederland", subject: "lotte");

        Assert.True(await AllowedAsync(resource, Lotte));
        Assert.False(await AllowedAsync(resource, Jelle));
        Assert.False(await AllowedAsync(resource, Eva));
        Assert.False(await AllowedAsync(Resource(AccessPolicy.Approval), Lotte));
    }

    [Fact]
    public async Task A_grant_to_an_organisation_admits_its_people_at_that_hub_only()
    {
        var resource = Resource(AccessPolicy.Approval);
        await GrantAsync(resource.Id, Grant.Organisation, "noord-nederland", organisation: "rug");

        Assert.True(await AllowedAsync(resource, Lotte));
        Assert.True(await AllowedAsync(resource, Jelle));
        Assert.False(await AllowedAsync(resource, Pieter));
        Assert.False(await AllowedAsync(resource, Eva));
    }

    [Fact]
    public async Task A_grant_to_a_hub_admits_all_its_members_and_nobody_else()
    {
        var resource = Resource(AccessPolicy.Approval);
        await GrantAsync(resource.Id, Grant.WholeHub, "noord-nederland");

        Assert.True(await AllowedAsync(resource, Lotte));
        Assert.True(await AllowedAsync(resource, Pieter));
        Assert.False(await AllowedAsync(resource, Eva));
        Assert.False(await AllowedAsync(resource, Member));
    }

    [Fact]
    public async Task Expired_and_revoked_grants_admit_nobody()
    {
        var expiring = Resource(AccessPolicy.Approval);
        await GrantAsync(expiring.Id, Grant.Person, "noord-nederland", subject: "lotte", lifetime: TimeSpan.FromMilliseconds(300));
        var revoked = Resource(AccessPolicy.Approval);
        var grant = await GrantAsync(revoked.Id, Grant.Person, "noord-nederland", subject: "lotte");
        Assert.True(await AllowedAsync(revoked, Lotte));

        await Host.Services.GetRequiredService<AccessDecisions>().RevokeAsync(grant.Id, "project ended", "t", AuditActor.System("brainport", "test"), CancellationToken.None);
        await Task.Delay(400);

        Assert.False(await AllowedAsync(revoked, Lotte));
        Assert.False(await AllowedAsync(expiring, Lotte));
    }

    private async Task<bool> AllowedAsync(ResourceSnapshot resource, CallerIdentity caller) =>
        (await Evaluator.EvaluateAsync(resource, caller, CancellationToken.None)).Allowed;

    private async Task<Grant> GrantAsync(Guid resourceId, string kind, string hubId, string? subject = null, string? organisation = null, TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow;
        var grant = new Grant(Guid.CreateVersion7(), resourceId, kind, hubId, subject, organisation, null, "test", now, now + (lifetime ?? TimeSpan.FromDays(1)), null, null, null);
        await Host.Services.GetRequiredService<AccessDecisions>().GrantAsync(grant, AuditActor.System("brainport", "test"), CancellationToken.None);
        return grant;
    }

    private static ResourceSnapshot Resource(AccessPolicy policy)
    {
        var now = DateTimeOffset.UtcNow;
        return new ResourceSnapshot(Guid.NewGuid(), "brainport", ResourceKind.Dataset, ResourceState.Published, 2, "Wafer images", "", "", [], [],
            "CC-BY-4.0", policy, "ASML", null, null, now, now, now, null, null);
    }

    private static CallerIdentity Caller(string hubId, string subject, string organisation, params string[] roles) =>
        new(subject, hubId, subject, subject, organisation, organisation, "university", roles.ToHashSet());

    private static CallerIdentity Guest(string hubId, string subject, string organisation) =>
        new($"{hubId}:{subject}", hubId, subject, subject, organisation, organisation, "university", new HashSet<string> { "guest" });
}
