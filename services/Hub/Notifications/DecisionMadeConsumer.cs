using Federation.Contracts;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Notifications;

/// <summary>
/// Keeps a decision another hub made about one of this hub's members as a notification for that member. A repeat of
/// the same message, a decision meant for another hub, or one about a person who is not a member here is ignored.
/// </summary>
public sealed partial class DecisionMadeConsumer(
    NpgsqlDataSource database, MemberStore members, IOptions<HubOptions> hub, TimeProvider clock, ILogger<DecisionMadeConsumer> logger)
    : IConsumer<DecisionMade>
{
    public async Task Consume(ConsumeContext<DecisionMade> context)
    {
        var decision = context.Message;
        if (decision.RecipientHubId != hub.Value.Id
            || !Guid.TryParse(decision.RecipientSubject, out var memberId)
            || await members.FindByIdAsync(memberId, context.CancellationToken) is null)
        {
            LogIgnored(logger, decision.MessageId, decision.FromHubId);
            return;
        }

        await using var command = database.CreateCommand("""
            INSERT INTO member_notifications
                (id, member_sub, from_hub, subject, decision, resource_id, resource_title, reason, access_until, contact, decided_at, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.AddWithValue(decision.MessageId);
        command.Parameters.AddWithValue(decision.RecipientSubject);
        command.Parameters.AddWithValue(decision.FromHubId);
        command.Parameters.AddWithValue(decision.Subject);
        command.Parameters.AddWithValue(decision.Decision);
        command.Parameters.AddWithValue(decision.ResourceId);
        command.Parameters.AddWithValue(decision.ResourceTitle);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = decision.Reason, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = decision.AccessUntil, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = decision.ContactDetails, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(decision.DecidedAt);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Decision {MessageId} from {FromHub} is not for a member of this hub; ignored")]
    private static partial void LogIgnored(ILogger logger, Guid messageId, string fromHub);
}
