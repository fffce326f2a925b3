using Dapper;
using Federation.Hub.Writes;

namespace Federation.Hub.People;

/// <summary>
/// Forgets a person who is no longer a member: the requests they still had open are closed, what they wrote and how
/// they were named (also as the one who decided a request, made a grant or sent an invitation) goes, their id stays (the records of what
/// was decided about them remain, pseudonymised). Run at the home hub when the account is closed or removed, and at
/// every other hub when the home hub tells it so (<see cref="MemberStandingChangedConsumer"/>).
/// </summary>
public static class PersonalData
{
    public const string Forgotten = "(removed when the membership ended)";

    /// <summary>The reason given on the requests a person had still open when their membership ended.</summary>
    public const string MembershipEnded = "The requester's membership of their home hub ended.";

    // What the person still had open is closed first (nobody is left to grant it to), then what they wrote goes.
    public static Task ForgetAsync(string homeHub, string subject, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE access_requests SET state = 'denied', decided_at = now(), decided_by = @closedBy, decision_reason = @ended
             WHERE requester_hub = @homeHub AND requester_sub = @subject AND state = 'pending';
            UPDATE introductions SET state = 'declined', decided_at = now(), decided_by = @closedBy, decision_reason = @ended
             WHERE requester_hub = @homeHub AND requester_sub = @subject AND state = 'pending';
            UPDATE access_requests SET requester_name = @forgotten, purpose = @forgotten
             WHERE requester_hub = @homeHub AND requester_sub = @subject;
            UPDATE introductions SET requester_name = @forgotten, message = @forgotten
             WHERE requester_hub = @homeHub AND requester_sub = @subject;
            DELETE FROM hub_audit_people WHERE actor_hub = @homeHub AND actor_sub = @subject;
            UPDATE access_requests SET decided_by = @byId WHERE right(decided_by, length(@named)) = @named;
            UPDATE introductions SET decided_by = @byId WHERE right(decided_by, length(@named)) = @named;
            UPDATE access_grants SET granted_by = @byId WHERE right(granted_by, length(@named)) = @named;
            UPDATE access_grants SET revoked_by = @byId WHERE right(revoked_by, length(@named)) = @named;
            UPDATE hub_join_requests SET "DecidedBy" = @byId WHERE right("DecidedBy", length(@named)) = @named;
            UPDATE hub_invitations SET "InvitedBy" = @byId WHERE right("InvitedBy", length(@named)) = @named;
            """, new
        {
            homeHub, subject, forgotten = Forgotten, closedBy = $"hub {homeHub}", ended = MembershipEnded,
            // Staff who decided are written "Name (hub:id)" (AuditActor.Describe): the name goes, the id stays.
            named = $" ({homeHub}:{subject})", byId = $"{homeHub}:{subject}",
        }, work.Transaction, cancellationToken: cancellationToken));
}
