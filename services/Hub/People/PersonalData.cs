using Dapper;
using Federation.Hub.Writes;

namespace Federation.Hub.People;

/// <summary>
/// Forgets a person who is no longer a member: what they wrote and how they were named goes, their id stays (the
/// records of what was decided about them remain, pseudonymised). Run at the home hub when the account is closed or
/// removed, and at every other hub when the home hub tells it so (<see cref="MemberStandingChangedConsumer"/>).
/// </summary>
public static class PersonalData
{
    public const string Forgotten = "(removed when the membership ended)";

    public static Task ForgetAsync(string homeHub, string subject, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE access_requests SET requester_name = @forgotten, purpose = @forgotten
             WHERE requester_hub = @homeHub AND requester_sub = @subject;
            UPDATE introductions SET requester_name = @forgotten, message = @forgotten
             WHERE requester_hub = @homeHub AND requester_sub = @subject;
            DELETE FROM hub_audit_people WHERE actor_hub = @homeHub AND actor_sub = @subject;
            """, new { homeHub, subject, forgotten = Forgotten }, work.Transaction, cancellationToken: cancellationToken));
}
