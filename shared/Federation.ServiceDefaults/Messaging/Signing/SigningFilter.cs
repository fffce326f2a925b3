using Federation.Contracts;
using Federation.Trust;
using MassTransit;

namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>Puts this member's signature in the <see cref="MessageSignatures.HeaderName"/> header of everything it publishes or sends about itself.</summary>
public sealed class SigningFilter<T>(MessageSigner signer) : IFilter<PublishContext<T>>, IFilter<SendContext<T>>
    where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        Sign(context);
        return next.Send(context);
    }

    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        Sign(context);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("federation-signing");

    private void Sign(SendContext<T> context)
    {
        if (context.Message is ISignedMessage message)
        {
            context.Headers.Set(MessageSignatures.HeaderName, signer.Sign(message));
        }
    }
}
