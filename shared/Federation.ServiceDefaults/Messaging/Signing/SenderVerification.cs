using System.Diagnostics.Metrics;
using System.Text.Json;
using Federation.Contracts;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>
/// Decides whether a message that claims a sender was signed by that sender: a member whose chain to the authority
/// holds now, with a key the authority vouches for, over exactly the message as it arrived (its raw JSON, so a newer
/// contract's fields count too). A refusal is counted (<c>federation.messages.refused</c>, by reason and kind of
/// message), logged with the reason, and thrown as <see cref="UnverifiedMessageException"/>.
/// </summary>
public sealed partial class SenderVerification
{
    /// <summary>Announcements and heartbeats older than this say nothing current; a replayed old one is dropped.</summary>
    public static readonly TimeSpan SignalsFreshFor = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan WaitForMembers = TimeSpan.FromSeconds(30);

    /// <summary>How far a sender's clock may run ahead of this node's, for its signatures and the times its messages name.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly FederationMembers members;
    private readonly TimeProvider clock;
    private readonly ILogger<SenderVerification> logger;
    private readonly Counter<long> refused;
    private readonly Counter<long> verified;

    private readonly MessageSigner? self;
    private readonly RabbitMqOptions broker;

    /// <param name="self">This member's own signer, when it has one: what it sent itself is checked against its own keys.</param>
    /// <param name="broker">Which broker user each member must publish as.</param>
    public SenderVerification(FederationMembers members, MessageSigner? self, RabbitMqOptions broker, IMeterFactory meters, TimeProvider clock,
        ILogger<SenderVerification> logger, bool enabled)
    {
        this.members = members;
        this.self = self;
        this.broker = broker;
        this.clock = clock;
        this.logger = logger;
        Enabled = enabled;
        var meter = meters.Create("Federation.Messages");
        refused = meter.CreateCounter<long>("federation.messages.refused", "{message}", "Messages refused because their signature does not prove the sender they claim.");
        verified = meter.CreateCounter<long>("federation.messages.verified", "{message}", "Messages whose signature proved their sender.");
    }

    /// <summary>False only where an operator turned checking off to measure its cost (Development only).</summary>
    public bool Enabled { get; }

    /// <summary>The proven sender, or null for a stale signal that is dropped; throws when the message must be refused.</summary>
    public async Task<VerifiedSender?> VerifyAsync(ConsumeContext context, ISignedMessage message)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Sender verification is turned off; nothing is proven.");
        }

        var kind = MessageKinds.Of(message.GetType());
        var fromSelf = self is not null && message.SignerId == self.MemberId;
        if (!fromSelf && !members.IsLoaded && !await members.WhenLoadedAsync(WaitForMembers, context.CancellationToken))
        {
            throw new MembershipNotReadyException();
        }

        var signature = SignatureOf(context);
        var canonical = CanonicalMessage(context);
        var verification = Verify(signature, canonical, kind, message.SignerId, fromSelf);
        if (!fromSelf && verification.RefusalKind is "not-a-member" or "unknown-key")
        {
            // Admitted, or its key rolled over, since this node last read the authority: read it once more before refusing.
            await members.ReadAgainAsync(context.CancellationToken);
            verification = Verify(signature, canonical, kind, message.SignerId, fromSelf);
        }

        if (verification.IsSigned && WrongAccount(context, message.SignerId, fromSelf) is { } wrongAccount)
        {
            verification = wrongAccount;
        }

        // Signed "later" would stay fresh for as long as the signer liked, and a replay of it with it.
        if (verification.IsSigned && verification.SignedAt > clock.GetUtcNow() + ClockSkew)
        {
            verification = MessageVerification.Refused("future", $"it says it was signed at {verification.SignedAt:O}, which has not come yet");
        }

        if (!verification.IsSigned)
        {
            refused.Add(1, new("reason", verification.RefusalKind), new("message", kind));
            // The claimed sender and what the refusal repeats of the message are the sender's own words.
            var (claimed, refusal) = (SenderText.Shown(message.SignerId), SenderText.Shown(verification.Refusal, 300));
            LogRefused(logger, kind, claimed, refusal);
            throw new UnverifiedMessageException($"{kind} claiming to come from {claimed} is refused: {refusal}.");
        }

        if (message is HubHeartbeat or HubAnnounced && clock.GetUtcNow() - verification.SignedAt > SignalsFreshFor)
        {
            refused.Add(1, new("reason", "stale"), new("message", kind));
            LogStale(logger, kind, SenderText.Shown(message.SignerId), verification.SignedAt);
            return null;
        }

        verified.Add(1, new KeyValuePair<string, object?>("message", kind));
        return new VerifiedSender(message.SignerId, verification.KeyId!, verification.SignedAt, signature!, canonical)
        {
            MemberKind = fromSelf ? null : members.Find(message.SignerId)?.Member.Kind,
        };
    }

    private MessageVerification Verify(string? signature, byte[] canonical, string kind, string signerId, bool fromSelf) =>
        (fromSelf ? self!.Keys : members.Find(signerId)?.Keys) is { } keys
            ? MessageSignatures.Verify(signature, canonical, kind, signerId, keys)
            : MessageVerification.Refused("not-a-member", $"{signerId} is not a member the authority vouches for now");

    // A stolen key is not enough: the message must also have come through the signer's own broker account, which the
    // broker itself wrote into user_id (it refuses a user_id naming anyone but the connection's user).
    private MessageVerification? WrongAccount(ConsumeContext context, string signerId, bool fromSelf)
    {
        // What claims to come from this member itself must have come through its own account too.
        if (broker.MemberUser(signerId) is not { } memberAccount)
        {
            return null;
        }

        var expected = fromSelf ? broker.Username : memberAccount;

        var account = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Properties.UserId : null;
        return account == expected ? null
            : MessageVerification.Refused("wrong-broker-user", $"it came through the broker account {account ?? "(none named)"}, not {signerId}'s own");
    }

    private static string? SignatureOf(ConsumeContext context) =>
        context.Headers.Get<string>(MessageSignatures.HeaderName);

    // The message's own JSON as it arrived: inside MassTransit's envelope, or the whole body of a raw JSON message.
    private static byte[] CanonicalMessage(ConsumeContext context)
    {
        try
        {
            using var body = JsonDocument.Parse(context.ReceiveContext.Body.GetBytes());
            var message = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out var wrapped)
                && context.ReceiveContext.ContentType?.MediaType == "application/vnd.masstransit+json"
                ? wrapped
                : body.RootElement;
            return CanonicalJson.Of(message);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    [LoggerMessage(LogLevel.Warning, "Refused a {Kind} claiming to come from {Sender}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string kind, string sender, string reason);

    [LoggerMessage(LogLevel.Warning, "Dropped a {Kind} of {Sender} signed at {SignedAt}: too old to say anything current (a replay?)")]
    private static partial void LogStale(ILogger logger, string kind, string sender, DateTimeOffset signedAt);
}
