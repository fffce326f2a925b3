using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;
using static Federation.IntegrationTests.ComputeSteps;

namespace Federation.IntegrationTests;

/// <summary>
/// Compute through the home hub, across real processes with real tokens and signed messages: the AI factory opens a
/// call; a Brainport member applies at home; Brainport's staff endorse; the factory's reviewers score and its staff
/// award; the decision reaches the member at home; each step is in the audit log of the member that took it. And
/// every refusal, answered with problem details that name the field at fault, with nothing stored.
/// </summary>
[Collection(ComputeCollection.Name)]
public sealed class ComputeApplicationSpecs(ComputeFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceProcess Brainport => fixture.Brainport;

    private ServiceProcess Factory => fixture.Factory;

    private ComputeSteps Steps => new(fixture);

    [Fact]
    public async Task A_start_up_applies_at_home_staff_endorse_reviewers_score_the_factory_awards_and_the_member_is_told()
    {
        var call = await Steps.OpenCallAsync(capacity: 100_000, requiredReviews: 2);
        using var member = await SignedInAsync(Brainport, "company");
        var dataset = await Steps.BrainportDatasetAsync();

        var applied = await member.PostAsJsonAsync("me/compute-applications", Application(call, 20_000) with
        {
            Resources = [new ResourceLinkInput("brainport", dataset)],
        }, FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var application = (await applied.Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options, Cancellation))!;
        Assert.Equal((ComputeApplication.Submitted, "Kempen Precision Parts B.V."), (application.State, application.OrganisationName));

        using var homeStaff = await SignedInAsync(Brainport, "staff");
        var queue = await homeStaff.GetFromJsonAsync<List<ComputeApplication>>("compute-applications?state=submitted", FederationJson.Options, Cancellation);
        Assert.Contains(queue!, a => a.Id == application.Id);
        var endorsed = await homeStaff.PostAsJsonAsync($"compute-applications/{application.Id}/endorse",
            new EndorsementInput(true, "A real start-up (KvK checked); strong team, realistic hours."), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.OK, endorsed.StatusCode);

        using var factoryStaff = await SignedInAsync(Factory, "staff");
        var received = await Eventually.Until(
            () => factoryStaff.GetFromJsonAsync<List<ReceivedApplication>>($"applications?callId={call.Id}", FederationJson.Options, Cancellation),
            list => list!.Any(r => r.Application.Id == application.Id), TimeSpan.FromSeconds(30), "the endorsed application at the factory");
        var arrived = received!.Single(r => r.Application.Id == application.Id);
        Assert.Equal((ReceivedApplication.Received, "A real start-up (KvK checked); strong team, realistic hours."), (arrived.State, arrived.Application.Advice));

        // Two reviews are asked for: an award after one is refused, and changes nothing.
        using var firstReviewer = await SignedInAsync(Factory, "reviewer-tue");
        Assert.Equal(HttpStatusCode.OK, (await firstReviewer.PostAsJsonAsync($"applications/{application.Id}/reviews",
            new ReviewInput(4, "Clear plan, sensible scaling."), FederationJson.Options, Cancellation)).StatusCode);
        var tooEarly = await factoryStaff.PostAsJsonAsync($"applications/{application.Id}/award", Award(15_000), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        using var secondReviewer = await SignedInAsync(Factory, "reviewer-rug");
        Assert.Equal(HttpStatusCode.OK, (await secondReviewer.PostAsJsonAsync($"applications/{application.Id}/reviews",
            new ReviewInput(5, "Excellent use of the partition."), FederationJson.Options, Cancellation)).StatusCode);
        // Reviewers score; they neither award, nor reject, nor open calls.
        Assert.Equal(HttpStatusCode.Forbidden, (await secondReviewer.PostAsJsonAsync($"applications/{application.Id}/award", Award(15_000),
            FederationJson.Options, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secondReviewer.PostAsJsonAsync($"applications/{application.Id}/reject",
            new DecisionInput("Not for us."), FederationJson.Options, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secondReviewer.PostAsync($"calls/{call.Id}/close", null, Cancellation)).StatusCode);

        var awarded = await factoryStaff.PostAsJsonAsync($"applications/{application.Id}/award", Award(15_000), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.OK, awarded.StatusCode);
        var decided = (await awarded.Content.ReadFromJsonAsync<ReceivedApplication>(FederationJson.Options, Cancellation))!;
        Assert.Equal((ComputeApplication.Awarded, 4.5), (decided.State, decided.AverageScore));
        var callNow = await Factory.Http.GetFromJsonAsync<ComputeCall>($"calls/{call.Id}", FederationJson.Options, Cancellation);
        Assert.Equal(15_000, callNow!.AwardedHours);

        var atHome = await Eventually.Until(
            () => member.GetFromJsonAsync<ComputeApplication>($"me/compute-applications/{application.Id}", FederationJson.Options, Cancellation),
            a => a!.State == ComputeApplication.Awarded, TimeSpan.FromSeconds(30), "the award at the member's home hub");
        Assert.Equal((15_000L, "gpu-h100"), (atHome!.Allocation!.Hours, atHome.Allocation.Partition));
        var notifications = await member.GetFromJsonAsync<JsonElement>("me/notifications", Cancellation);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("subject").GetString() == "compute-application"
            && n.GetProperty("decision").GetString() == "awarded" && n.GetProperty("fromHub").GetString() == LocalFederation.Facility.Id);

        var homeAudit = await AuditActionsAsync(homeStaff, application.Id);
        Assert.Equal(["compute-application.submitted", "compute-application.endorsed", "compute-application.awarded"], homeAudit);
        var factoryAudit = await AuditActionsAsync(factoryStaff, application.Id);
        Assert.Equal(["compute-application.received", "compute-application.reviewed", "compute-application.reviewed", "compute-application.awarded"], factoryAudit);
    }

    [Fact]
    public async Task Staff_send_an_application_back_and_the_member_changes_and_resubmits_it()
    {
        var call = await Steps.OpenCallAsync(capacity: 50_000, requiredReviews: 0);
        using var member = await SignedInAsync(Brainport, "researcher");
        var application = await (await member.PostAsJsonAsync("me/compute-applications", Application(call, 10_000, "research"), FederationJson.Options, Cancellation))
            .Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options, Cancellation);
        using var homeStaff = await SignedInAsync(Brainport, "staff");

        var returned = await homeStaff.PostAsJsonAsync($"compute-applications/{application!.Id}/return", new DecisionInput("Ask for fewer hours: 5,000 is enough for a pilot."),
            FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var endorseReturned = await homeStaff.PostAsJsonAsync($"compute-applications/{application.Id}/endorse", new EndorsementInput(true, null), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, endorseReturned.StatusCode);

        var changed = await member.PutAsJsonAsync($"me/compute-applications/{application.Id}", Application(call, 5_000, "research"), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var resubmitted = (await changed.Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options, Cancellation))!;
        Assert.Equal((ComputeApplication.Submitted, 5_000L), (resubmitted.State, resubmitted.RequestedHours));
        var notifications = await member.GetFromJsonAsync<JsonElement>("me/notifications", Cancellation);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("decision").GetString() == "returned"
            && n.GetProperty("reason").GetString() == "Ask for fewer hours: 5,000 is enough for a pilot.");
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "over the call's capacity", "requestedHours" },
        { "an organisation type the call does not admit", "organisationType" },
        { "a period outside the call's window", "periodStart" },
        { "a prohibited practice", "aiActRiskClass" },
        { "personal data without countries", "personalDataCountries" },
        { "a resource the catalogue does not hold", "resources[0]" },
        { "a facility that is not one", "facilityId" },
        { "a call the facility does not have", "callId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_application_that_breaks_a_rule_is_refused_naming_the_field_and_nothing_is_stored(string rule, string field)
    {
        var call = await Steps.OpenCallAsync(capacity: 10_000, requiredReviews: 0);
        using var member = await SignedInAsync(Brainport, "company");
        var valid = Application(call, 1_000);
        var input = rule switch
        {
            "over the call's capacity" => valid with { RequestedHours = 10_001 },
            "an organisation type the call does not admit" => valid with { OrganisationType = "large-company" },
            "a period outside the call's window" => valid with { PeriodStart = call.AllocationStart.AddDays(-1) },
            "a prohibited practice" => valid with { AiActRiskClass = "prohibited" },
            "personal data without countries" => valid with { PersonalData = true, PersonalDataCountries = [] },
            "a resource the catalogue does not hold" => valid with { Resources = [new ResourceLinkInput("brainport", Guid.NewGuid())] },
            "a facility that is not one" => valid with { FacilityId = "brainport" },
            _ => valid with { CallId = Guid.NewGuid() },
        };

        var response = await member.PostAsJsonAsync("me/compute-applications", input, FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{rule}: expected an error for {field}, got {errors}");
        var mine = await member.GetFromJsonAsync<List<ComputeApplication>>("me/compute-applications", FederationJson.Options, Cancellation);
        Assert.DoesNotContain(mine!, a => a.CallId == call.Id);
    }

    [Fact]
    public async Task An_application_after_the_deadline_is_refused()
    {
        var call = await Steps.OpenCallAsync(capacity: 10_000, requiredReviews: 0, deadline: DateTimeOffset.UtcNow.AddSeconds(3));
        using var member = await SignedInAsync(Brainport, "company");
        await Task.Delay(TimeSpan.FromSeconds(4), Cancellation);

        var response = await member.PostAsJsonAsync("me/compute-applications", Application(call, 1_000), FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Contains("deadline", errors.GetProperty("callId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_from_the_applicants_organisation_may_not_score_it_and_the_award_is_bounded_by_the_call()
    {
        var call = await Steps.OpenCallAsync(capacity: 8_000, requiredReviews: 0);
        // Brainport's researcher works at TU Eindhoven, as does one of the factory's reviewers.
        var application = await Steps.EndorsedAsync(call, "researcher", 8_000, "research", namePublicly: false);
        using var factoryStaff = await SignedInAsync(Factory, "staff");
        await Eventually.Until(() => factoryStaff.GetAsync($"applications/{application.Id}", Cancellation), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30),
            "the application at the factory");
        using var colleague = await SignedInAsync(Factory, "reviewer-tue");

        var review = await colleague.PostAsJsonAsync($"applications/{application.Id}/reviews", new ReviewInput(5, "Great work by great people."), FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, review.StatusCode);
        var problem = await review.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("TU Eindhoven", problem.GetProperty("errors").GetProperty("reviewer")[0].GetString(), StringComparison.Ordinal);
        var held = await factoryStaff.GetFromJsonAsync<ReceivedApplication>($"applications/{application.Id}", FederationJson.Options, Cancellation);
        Assert.Empty(held!.Reviews);

        foreach (var (award, expectedField) in new[] { (Award(8_001), "hours"), (Award(1_000) with { Partition = "gpu-a100" }, "partition"),
            (Award(1_000) with { End = call.AllocationEnd.AddDays(1) }, "start") })
        {
            var refused = await factoryStaff.PostAsJsonAsync($"applications/{application.Id}/award", award, FederationJson.Options, Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").TryGetProperty(expectedField, out _), expectedField);
        }

        Assert.Equal(0, (await Factory.Http.GetFromJsonAsync<ComputeCall>($"calls/{call.Id}", FederationJson.Options, Cancellation))!.AwardedHours);
    }

    [Fact]
    public async Task Staff_cannot_endorse_their_own_application()
    {
        var call = await Steps.OpenCallAsync(capacity: 5_000, requiredReviews: 0);
        using var staff = await SignedInAsync(Brainport, "staff");
        var created = await staff.PostAsJsonAsync("me/compute-applications", Application(call, 1_000, "sme"), FederationJson.Options, Cancellation);
        var application = (await created.Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options, Cancellation))!;

        var endorsed = await staff.PostAsJsonAsync($"compute-applications/{application.Id}/endorse", new EndorsementInput(true, null), FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, endorsed.StatusCode);
        Assert.Equal(ComputeApplication.Submitted,
            (await staff.GetFromJsonAsync<ComputeApplication>($"compute-applications/{application.Id}", FederationJson.Options, Cancellation))!.State);
    }

    [Fact]
    public async Task A_deadline_given_with_another_offset_is_kept_as_the_same_moment()
    {
        using var factoryStaff = await SignedInAsync(Factory, "staff");
        var deadline = new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(20).AddHours(17), DateTimeKind.Unspecified), TimeSpan.FromHours(1));

        var opened = await factoryStaff.PostAsJsonAsync("calls", CallFor(await Steps.OfferAsync(), 1_000, 0, deadline), FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var call = (await opened.Content.ReadFromJsonAsync<ComputeCall>(FederationJson.Options, Cancellation))!;
        Assert.Equal(deadline.UtcDateTime, call.Deadline.UtcDateTime);
        Assert.Equal(deadline.UtcDateTime, (await Factory.Http.GetFromJsonAsync<ComputeCall>($"calls/{call.Id}", FederationJson.Options, Cancellation))!.Deadline.UtcDateTime);
    }

    [Fact]
    public async Task A_call_is_opened_only_by_the_factorys_staff_for_its_own_offer_and_a_hub_has_no_calls()
    {
        using var member = await SignedInAsync(Brainport, "company");
        using var factoryStaff = await SignedInAsync(Factory, "staff");
        var offer = await Steps.OfferAsync();
        var input = CallFor(offer, 1_000, 0, DateTimeOffset.UtcNow.AddDays(10));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.Http.PostAsJsonAsync("calls", input, FederationJson.Options, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Brainport.Http.GetAsync("calls", Cancellation)).StatusCode);
        var notAnOffer = await factoryStaff.PostAsJsonAsync("calls", input with { OfferId = Guid.NewGuid() }, FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, notAnOffer.StatusCode);
        Assert.True((await notAnOffer.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").TryGetProperty("offerId", out _));
        var wrongMode = await factoryStaff.PostAsJsonAsync("calls", input with { AccessMode = "fast-track" }, FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, wrongMode.StatusCode);
        Assert.True((await wrongMode.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").TryGetProperty("accessMode", out _));
    }
}
