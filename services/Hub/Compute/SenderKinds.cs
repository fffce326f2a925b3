using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;

namespace Federation.Hub.Compute;

/// <summary>
/// What the authority says the proven sender of a message is, for the checks that only a hub, or only a facility,
/// may send it. Null only where senders are not checked at all (Development with checking off); a proven sender the
/// authority names no kind for reads as "unknown", which no check admits.
/// </summary>
public static class SenderKinds
{
    public const string Unknown = "unknown";

    public static string? Of(ConsumeContext context) =>
        context.TryGetPayload<VerifiedSender>(out var sender) ? sender.MemberKind ?? Unknown : null;
}
