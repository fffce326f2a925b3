using Federation.Hub.Identity.Accounts;

namespace Federation.Hub.People.JoinRequests;

/// <summary>
/// Someone asking to become a member of this hub. Staff see it only once its e-mail address is confirmed (the link in
/// the first mail), so that nobody can file requests in another person's name.
/// </summary>
public sealed class JoinRequest
{
    public const string Unconfirmed = "unconfirmed";
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string OrganisationName { get; set; } = "";

    public OrganisationType OrganisationType { get; set; }

    public string? KvkNumber { get; set; }

    public string Motivation { get; set; } = "";

    public string State { get; set; } = Unconfirmed;

    public string ConfirmationTokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ConfirmBefore { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The organisation staff placed the person in when they approved.</summary>
    public string? OrganisationId { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>
    /// The provider a person signed in with before asking (<see cref="Identity.Upstream.UpstreamProvider.Name"/>), and their
    /// id there: approved, they become a member who signs in with it, without an invitation. Null for a request by form.
    /// </summary>
    public string? UpstreamProvider { get; set; }

    public string? UpstreamSubject { get; set; }
}
