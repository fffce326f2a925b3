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

    public static TheoryData<string, DecisionMade> Refused => new()
    {
        { "no message id", Genuine with { MessageId = Guid.Empty } },
        { "a subject no hub decides", Genuine with { Subject = "payment" } },
        { "no subject", Genuine with { Subject = null! } },
        { "a decision that does not belong to the subject", Genuine with { Subject = "introduction" } },
        { "an unknown decision", Genuine with { Decision = "approved!" } },
        { "no resource", Genuine with { ResourceId = Guid.Empty } },
        { "dated an hour ahead", Genuine with { DecidedAt = Now.AddHours(1) } },
        { "an access end on a denial", Genuine with { Decision = "denied" } },
        { "an access end before the decision", Genuine with { AccessUntil = Now.AddDays(-1) } },
        { "no resource title", Genuine with { ResourceTitle = null! } },
        { "a title longer than any resource may have", Genuine with { ResourceTitle = new string('t', 201) } },
        { "a reason of a megabyte", Genuine with { Reason = new string('r', 1_000_000) } },
        { "contact details longer than a contact point", Genuine with { AccessUntil = null, Subject = "introduction", Decision = "accepted", ContactDetails = new string('c', 321) } },
        { "a title hiding text behind control characters", Genuine with { ResourceTitle = "Verkeer\u001b[2Jtellingen" } },
        { "a reason with a NUL character", Genuine with { Reason = "ok\0" } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_decision_no_hub_makes_is_refused_with_its_reason(string what, DecisionMade decision)
    {
        Assert.False(DecisionCheck.Problem(decision, Now) is null, $"{what} was accepted");
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
