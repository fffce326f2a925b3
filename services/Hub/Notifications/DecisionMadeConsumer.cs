using Dapper;
using Federation.Contracts;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Membership;
using MassTransit;
using Federation.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Notifications;

/// <summary>
/// Keeps a decision another hub made about one of this hub's members as a notification for that member. A repeat of
/// the same message, a decision meant for another hub, or one about a person who is not a member here is ignored; one
/// that is no decision this federation makes (<see cref="DecisionCheck"/>), or one about a resource the catalogue
/// shows another hub holds, goes to the error queue: only the hub that holds a resource decides about it.
/// </summary>
public sealed partial class DecisionMadeConsumer(
    NpgsqlDataSource database, MemberStore members, CatalogueLookup catalogue, IOptions<HubOptions> hub, TimeProvider clock,
    ILogger<DecisionMadeConsumer> logger)
    : IConsumer<DecisionMade>
{
    public async Task Consume(ConsumeContext<DecisionMade> context)
    {
        context.ThrowUnlessArrivedThrough(HubQueues.DecisionExchange);
        if ((DecisionCheck.Problem(context.Message, clock.GetUtcNow()) ?? await OwnerProblemAsync(context.Message, context.CancellationToken)) is { } problem)
        {
            // To the error queue at once, with the reason: kept as evidence against its sender, never shown to a member.
            LogRefused(logger, context.Message.MessageId, context.Message.FromHubId, problem);
            throw new InvalidMessageException($"Decision {context.Message.MessageId} from '{context.Message.FromHubId}' refused: {problem}.");
        }

        var decision = DecisionCheck.Cleaned(context.Message);

        if (decision.RecipientHubId != hub.Value.Id
            || !Guid.TryParse(decision.RecipientSubject, out var memberId)
            || await members.FindByIdAsync(memberId, context.CancellationToken) is null)
        {
            LogIgnored(logger, decision.MessageId, decision.FromHubId);
            return;
        }

        await using var connection = await database.OpenConnectionAsync(context.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO member_notifications
                (id, member_sub, from_hub, subject, decision, resource_id, resource_title, reason, access_until, contact, decided_at, received_at)
            VALUES (@MessageId, @RecipientSubject, @FromHubId, @Subject, @Decision, @ResourceId, @ResourceTitle, @Reason, @AccessUntil, @ContactDetails,
                    @DecidedAt, @ReceivedAt)
            ON CONFLICT (id) DO NOTHING
            """, new
        {
            decision.MessageId, decision.RecipientSubject, decision.FromHubId, decision.Subject, decision.Decision, decision.ResourceId,
            decision.ResourceTitle, decision.Reason, decision.AccessUntil, decision.ContactDetails, decision.DecidedAt, ReceivedAt = clock.GetUtcNow(),
        }, cancellationToken: context.CancellationToken));
    }

    // Asked only about decisions for members here (a decision for another hub is ignored anyway). A resource the
    // catalogue does not hold (yet), or a catalogue that cannot answer, is no evidence against the sender: the
    // decision is kept, and the member sees which hub sent it.
    private async Task<string?> OwnerProblemAsync(DecisionMade decision, CancellationToken cancellationToken)
    {
        if (decision.RecipientHubId != hub.Value.Id || !catalogue.Configured)
        {
            return null;
        }

        try
        {
            return await catalogue.FindAsync(decision.ResourceId, cancellationToken) is { } resource && resource.HubId != decision.FromHubId
                ? $"resource {decision.ResourceId} is held by {resource.HubId}, not by the deciding hub"
                : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            LogOwnerUnchecked(logger, decision.MessageId, exception.Message);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Decision {MessageId}: the catalogue could not say who holds its resource ({Reason}); kept unchecked")]
    private static partial void LogOwnerUnchecked(ILogger logger, Guid messageId, string reason);

    [LoggerMessage(LogLevel.Warning, "Decision {MessageId} from {FromHub} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string fromHub, string problem);

    [LoggerMessage(LogLevel.Warning, "Decision {MessageId} from {FromHub} is not for a member of this hub; ignored")]
    private static partial void LogIgnored(ILogger logger, Guid messageId, string fromHub);
}
