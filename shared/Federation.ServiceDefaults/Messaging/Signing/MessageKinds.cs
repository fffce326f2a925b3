namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>The name a signature gives a kind of message: the contract's name, so that one kind's signature fits no other.</summary>
public static class MessageKinds
{
    public static string Of(Type messageType) => messageType.Name;
}
