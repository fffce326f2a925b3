using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.People;

/// <summary>
/// How the hub runs its membership (section <c>People</c>): how long the links it mails to people work, and how much
/// news of other hubs' members it keeps.
/// </summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a join request waits for its e-mail address to be confirmed before it is deleted.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How many of one other hub's members this hub keeps news of (suspended now, lifted or removed within the last
    /// 30 days). Far above any hub's real numbers; a hub naming more has gone wrong, and its further news is refused.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxRevokedPerHomeHub { get; set; } = 20_000;
}
