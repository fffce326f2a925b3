using System.Text.Json;
using Federation.Contracts;
using Federation.Trust;
using MassTransit.Serialization;

namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>
/// Signs what this member sends about itself with the first key of its <see cref="FederationKeyRing"/>. A message
/// that claims another sender is never signed: the member would be speaking for someone else.
/// </summary>
public sealed class MessageSigner(FederationKeyRing keys, string memberId, TimeProvider clock)
{
    public string MemberId => memberId;

    /// <summary>This member's own keys: what it sent itself is checked against them, without asking anyone.</summary>
    public IReadOnlyList<Microsoft.IdentityModel.Tokens.JsonWebKey> Keys => keys.Published;

    public string Sign(ISignedMessage message)
    {
        if (message.SignerId != memberId)
        {
            throw new InvalidOperationException($"{memberId} does not sign a message that claims to come from {message.SignerId}.");
        }

        // The message as the bus writes it (its own serializer settings), in canonical form.
        var written = JsonSerializer.SerializeToElement(message, message.GetType(), SystemTextJsonMessageSerializer.Options);
        return MessageSignatures.Sign(CanonicalJson.Of(written), MessageKinds.Of(message.GetType()), memberId, keys.Signing, clock.GetUtcNow());
    }
}
