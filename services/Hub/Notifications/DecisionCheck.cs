using Federation.Contracts;
using Federation.Hub.Access;
using Federation.Hub.Resources;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Messaging.Signing;

namespace Federation.Hub.Notifications;

/// <summary>
/// What a decision from another hub must look like before it becomes a member's notification. The sender is
/// verified (its signature and its broker account), but a verified hub may still be careless or hostile: whatever it
/// writes lands in a member's inbox, so it must be a decision this federation makes, in the sizes a hub accepts from
/// its own staff, and dated no later than now. Control characters are taken out rather than refused: staff may paste
/// them into a reason (a line break from a word processor), and a genuine decision must not be lost for that.
/// </summary>
internal static class DecisionCheck
{
    private static readonly Dictionary<string, string[]> DecisionsBySubject = new(StringComparer.Ordinal)
    {
        ["access-request"] = ["approved", "denied"],
        ["introduction"] = ["accepted", "declined"],
        ["grant"] = ["revoked"],
    };

    /// <summary>Why the decision cannot be kept, or null when it can.</summary>
    public static string? Problem(DecisionMade decision, DateTimeOffset now)
    {
        if (decision.MessageId == Guid.Empty)
        {
            return "it has no message id";
        }

        if (decision.Subject is null || !DecisionsBySubject.TryGetValue(decision.Subject, out var decisions))
        {
            return $"'{SenderText.Shown(decision.Subject, 40)}' is not something a hub decides";
        }

        if (!decisions.Contains(decision.Decision, StringComparer.Ordinal))
        {
            return $"'{SenderText.Shown(decision.Decision, 40)}' is not a decision on a {decision.Subject}";
        }

        if (decision.ResourceId == Guid.Empty)
        {
            return "it names no resource";
        }

        if (decision.DecidedAt > now + SenderVerification.ClockSkew)
        {
            return $"it is dated {decision.DecidedAt:O}, in the future";
        }

        if (decision.AccessUntil is { } until && (decision.Decision != "approved" || until <= decision.DecidedAt))
        {
            return "an access end date belongs only to an approval, after it";
        }

        return Text(decision.ResourceTitle, "resource title", ResourceValidator.TitleMax, required: true)
            ?? Text(decision.Reason, "reason", DecisionReason.MaxLength, required: false)
            ?? Text(decision.ContactDetails, "contact details", ResourceValidator.ContactPointMax, required: false);
    }

    /// <summary>
    /// The decision as it is kept: texts without control characters (line breaks and tabs stay; PostgreSQL refuses NUL
    /// and the others only hide or garble text) and times in UTC, the only offset the database driver writes.
    /// </summary>
    public static DecisionMade Cleaned(DecisionMade decision) => decision with
    {
        ResourceTitle = Clean(decision.ResourceTitle)!,
        Reason = Clean(decision.Reason),
        ContactDetails = Clean(decision.ContactDetails),
        DecidedAt = decision.DecidedAt.ToUniversalTime(),
        AccessUntil = decision.AccessUntil?.ToUniversalTime(),
    };

    private static string? Text(string? value, string name, int maxLength, bool required) => value switch
    {
        null when required => $"the {name} is missing",
        null => null,
        { Length: var length } when length > maxLength => $"the {name} is {length} characters long, more than {maxLength}",
        _ => null,
    };

    private static string? Clean(string? value) =>
        value is null || !value.Any(IsHidden) ? value : new string([.. value.Where(c => !IsHidden(c))]);

    private static bool IsHidden(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');
}
