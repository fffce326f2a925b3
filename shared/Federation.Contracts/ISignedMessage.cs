namespace Federation.Contracts;

/// <summary>
/// A message one member sends about itself, which must carry that member's signature: resource events, resync pages,
/// announcements, heartbeats and decisions. <see cref="SignerId"/> is the member it claims to come from; a receiver
/// acts on it only when the signature is that member's (with a key the federation authority vouches for).
/// </summary>
public interface ISignedMessage
{
    string SignerId { get; }
}
