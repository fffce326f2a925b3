using Federation.Contracts;
using MassTransit;

namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>
/// Lets a consumer see a message that claims a sender only once <see cref="SenderVerification"/> proved it, and puts
/// the proven <see cref="VerifiedSender"/> in the context for the consumer to record.
/// </summary>
public sealed class VerifiedSenderFilter<T>(SenderVerification verification) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        // Unchecked (Development, to measure the cost) means no proven sender either: nothing claims a key signed it.
        if (context.Message is ISignedMessage message && verification.Enabled)
        {
            if (await verification.VerifyAsync(context, message) is not { } sender)
            {
                return;
            }

            context.GetOrAddPayload(() => sender);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("federation-sender-verification");
}
