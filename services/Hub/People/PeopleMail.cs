using Federation.Hub.Hosting;
using Federation.Hub.Mail;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People;

/// <summary>What the hub writes to people about their membership, worded once. Links go to the hub's own pages.</summary>
public sealed class PeopleMail(IOptions<HubOptions> hub)
{
    private string HubName => hub.Value.DisplayName;

    public Uri Link(string path) => new(hub.Value.PublicUrl!, path);

    public OutgoingMail Invitation(string email, string organisationName, string secret, DateTimeOffset expiresAt) => new(email,
        $"Your invitation to {HubName}",
        $"""
        You are invited to become a member of {HubName}, the regional AI hub, as part of {organisationName}.

        Choose your username and password here (the link works once, until {expiresAt:yyyy-MM-dd HH:mm} UTC):
        {Link($"/account/invitation?code={secret}")}

        If you did not expect this, ignore this message: nothing happens without you.
        """);

    public OutgoingMail ConfirmJoinRequest(string email, string secret, DateTimeOffset confirmBefore) => new(email,
        $"Confirm your request to join {HubName}",
        $"""
        Someone (we hope you) asked to become a member of {HubName} with this e-mail address.

        Confirm the request here, before {confirmBefore:yyyy-MM-dd HH:mm} UTC, and the hub's staff will consider it:
        {Link($"/account/join/confirm?code={secret}")}

        If it was not you, ignore this message: an unconfirmed request is deleted.
        """);

    public OutgoingMail AlreadyAMember(string email) => new(email,
        $"You are already a member of {HubName}",
        $"""
        Someone asked to join {HubName} with this address, which already belongs to a member. Sign in at
        {Link("/account/sign-in")}.
        """);

    public OutgoingMail JoinRequestRefused(string email, string reason) => new(email,
        $"Your request to join {HubName} was not accepted",
        $"""
        The staff of {HubName} did not accept your request to become a member.

        Their reason: {reason}
        """);

    public OutgoingMail Suspended(string email, string reason) => new(email,
        $"Your membership of {HubName} is suspended",
        $"""
        The staff of {HubName} suspended your membership. You cannot sign in, your sessions have ended, and access
        that hubs of the federation had granted you personally has ended.

        Their reason: {reason}
        """);

    public OutgoingMail Reinstated(string email, string? reason) => new(email,
        $"Your membership of {HubName} is restored",
        $"""
        The staff of {HubName} restored your membership: you can sign in again.{(reason is null ? "" : $"\n\nTheir note: {reason}")}
        Access that was granted to you before the suspension has to be asked for again.
        """);

    public OutgoingMail Removed(string email, string reason) => new(email,
        $"Your membership of {HubName} has ended",
        $"""
        The staff of {HubName} ended your membership, and your account there is closed.

        Their reason: {reason}
        """);

    public OutgoingMail RolesChanged(string email, IReadOnlyList<string> roles) => new(email,
        $"Your roles at {HubName} changed",
        $"""
        Your roles at {HubName} are now: {string.Join(", ", roles)}.
        Sign in again for the change to show in the portal and the command line.
        """);

    public OutgoingMail AdmittedThroughInstitution(string email, string providerName, string organisationName) => new(email,
        $"Welcome to {HubName}",
        $"""
        You are now a member of {HubName}, as part of {organisationName}. You signed in with {providerName}, and that
        is how you sign in from now on: choose "Sign in with {providerName}" on the hub's sign-in page.
        {Link("/account/sign-in")}
        """);

    public OutgoingMail JoinRequestReceived(string email, string providerName) => new(email,
        $"Your request to join {HubName}",
        $"""
        You signed in at {HubName} with {providerName} and asked to become a member. The hub's staff will consider your
        request and tell you by e-mail; once admitted, you sign in with {providerName} as before.
        """);

    public OutgoingMail InstitutionLinked(string email, string username, string providerName) => new(email,
        $"{providerName} can now sign you in at {HubName}",
        $"""
        The sign-in of {providerName} was linked to your account '{username}' at {HubName}, after its password was
        given. From now on either signs you in.

        If that was not you, change your password at once and tell the hub's staff.
        """);

    public OutgoingMail TwoFactorTurnedOn(string email, string username) => new(email,
        $"Two-factor sign-in is on for your account at {HubName}",
        $"""
        Two-factor sign-in was turned on for your account '{username}' at {HubName}: signing in now also takes a code
        from the authenticator app that was set up.

        If that was not you, someone else holds your way in: tell the hub's staff at once.
        """);

    public OutgoingMail RecoveryCodesRenewed(string email, string username) => new(email,
        $"New recovery codes for your account at {HubName}",
        $"""
        New recovery codes were made for your account '{username}' at {HubName}; the earlier ones no longer work.

        If that was not you, tell the hub's staff at once.
        """);

    public OutgoingMail SecondFactorReset(string email, string username, string reason) => new(email,
        $"Your second factor at {HubName} was reset",
        $"""
        The staff of {HubName} turned off two-factor sign-in for your account '{username}': your authenticator app and
        your recovery codes no longer work there, and your sessions have ended. At your next sign-in you set up an
        authenticator app again (staff must before anything else).

        Their reason: {reason}

        If you did not ask for this, tell the hub's staff at once.
        """);

    public OutgoingMail PasswordResetLink(string email, string username, Uri link) => new(email,
        $"A new password for {HubName}",
        $"""
        Someone (we hope you) asked for a new password for your account '{username}' at {HubName}.

        Choose it here; the link works once, for two hours:
        {link}

        If it was not you, ignore this message: your password stays as it is.
        """);

    /// <summary>The answer to a forgotten password of an account with none: it signs in where the person came from.</summary>
    public OutgoingMail SignsInWithInstitution(string email, string username, IEnumerable<string> providerNames) => new(email,
        $"How you sign in at {HubName}",
        $"""
        Someone (we hope you) asked for a new password for your account '{username}' at {HubName}. Your account has no
        password here: you sign in with {string.Join(" or ", providerNames)}, using the button for it on the sign-in page:
        {Link("/account/sign-in")}

        If you cannot sign in there any more, ask your institution, or the staff of {HubName}.
        """);

    public OutgoingMail PasswordChanged(string email, string username) => new(email,
        $"Your password at {HubName} was changed",
        $"""
        The password of your account '{username}' at {HubName} was changed, and every session of yours ended.

        If that was not you, tell the hub's staff at once.
        """);

    public OutgoingMail ConfirmClosure(string email, string username, Uri link) => new(email,
        $"Confirm closing your account at {HubName}",
        $"""
        Someone (we hope you) asked to close your account '{username}' at {HubName}.

        To close it for good, follow this link and confirm there; it works for two hours:
        {link}

        If it was not you, do not follow the link, and change your password: someone else holds a sign-in of yours.
        """);

    public OutgoingMail Closed(string email) => new(email,
        $"Your account at {HubName} is closed",
        $"""
        You closed your account at {HubName}. Your profile, notifications and name are gone; what the audit log must keep
        of decisions about you names you only by an id. Access granted to you anywhere in the federation has ended.

        If you did not do this, tell the hub's staff at once.
        """);
}
