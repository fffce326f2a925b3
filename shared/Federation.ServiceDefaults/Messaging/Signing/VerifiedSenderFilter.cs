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
        if (context.Message is ISignedMessage message)
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
