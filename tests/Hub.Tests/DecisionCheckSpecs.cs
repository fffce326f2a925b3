using Federation.Contracts;
using Federation.Hub.Notifications;

namespace Federation.Hub.Tests;

/// <summary>
/// A decision from another hub becomes a member's notification only if it is one this federation makes, in the sizes
/// a hub takes from its own staff: a verified but hostile hub cannot fill an inbox with made-up or oversized text.
/// </summary>
public sealed class DecisionCheckSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static readonly DecisionMade Genuine = new(
        Guid.CreateVersion7(), "amsterdam", "brainport", Guid.NewGuid().ToString(), "access-request", "approved", Guid.NewGuid(),
        "Verkeerstellingen Amsterdam", "For the mobility study.", Now.AddDays(30), null, Now.AddSeconds(-2));

    public static TheoryData<DecisionMade, string> Refused => new()
    {
        { Genuine with { MessageId = Guid.Empty }, "no message id" },
        { Genuine with { Subject = "payment" }, "'payment' is not something a hub decides" },
        { Genuine with { Subject = null! }, "is not something a hub decides" },
        { Genuine with { Subject = "introduction" }, "'approved' is not a decision on a introduction" },
        { Genuine with { Decision = "approved!" }, "'approved!' is not a decision on a access-request" },
        { Genuine with { ResourceId = Guid.Empty }, "names no resource" },
        { Genuine with { DecidedAt = Now.AddHours(1) }, "in the future" },
        { Genuine with { Decision = "denied" }, "an access end date belongs only to an approval" },
        { Genuine with { AccessUntil = Now.AddDays(-1) }, "an access end date belongs only to an approval, after it" },
        { Genuine with { ResourceTitle = null! }, "the resource title is missing" },
        { Genuine with { ResourceTitle = new string('t', 201) }, "the resource title is 201 characters long, more than 200" },
        { Genuine with { Reason = new string('r', 1_000_000) }, "the reason is 1000000 characters long, more than 1000" },
        { Genuine with { AccessUntil = null, Subject = "introduction", Decision = "accepted", ContactDetails = new string('c', 321) }, "the contact details is 321 characters long" },
        { Genuine with { Subject = "payment\n[12:00:00 INF] forged log line" + new string('x', 10_000) }, "'payment [12:00:00 INF] forged log linexx' is not" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_decision_no_hub_makes_is_refused_with_its_reason(DecisionMade decision, string reason)
    {
        Assert.Contains(reason, DecisionCheck.Problem(decision, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_taken_out_and_times_kept_in_utc_rather_than_the_decision_lost()
    {
        var pasted = Genuine with
        {
            ResourceTitle = "Verkeer\u001b[2Jtellingen",
            Reason = "Eerste regel\u000bTweede regel\nDerde\0",
            DecidedAt = new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.FromHours(1)),
            AccessUntil = new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.FromHours(1)),
        };

        Assert.Null(DecisionCheck.Problem(pasted, Now));
        var kept = DecisionCheck.Cleaned(pasted);

        Assert.Equal("Verkeer[2Jtellingen", kept.ResourceTitle);
        Assert.Equal("Eerste regelTweede regel\nDerde", kept.Reason);
        Assert.Equal(TimeSpan.Zero, kept.DecidedAt.Offset);
        Assert.Equal(pasted.DecidedAt, kept.DecidedAt);
        Assert.Equal(TimeSpan.Zero, kept.AccessUntil!.Value.Offset);
    }

    [Fact]
    public void Every_decision_the_hubs_send_is_kept()
    {
        var resource = Guid.NewGuid();
        DecisionMade[] sent =
        [
            Genuine,
            Genuine with { Decision = "denied", AccessUntil = null, Reason = "Not for commercial use.\nAsk again with a study plan." },
            Genuine with { Subject = "introduction", Decision = "accepted", AccessUntil = null, ContactDetails = "team@example.org", ResourceId = resource },
            Genuine with { Subject = "introduction", Decision = "declined", AccessUntil = null, Reason = null, ResourceTitle = "" },
            Genuine with { Subject = "grant", Decision = "revoked", AccessUntil = null, DecidedAt = Now.AddMinutes(2) },
        ];

        Assert.All(sent, decision => Assert.Null(DecisionCheck.Problem(decision, Now)));
    }
}
