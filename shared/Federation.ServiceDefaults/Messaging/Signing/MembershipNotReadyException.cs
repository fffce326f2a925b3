namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>No member has been verified yet (the authority not read since start): the message is tried again later, not judged.</summary>
public sealed class MembershipNotReadyException() : Exception("The federation's members are not known yet; the message is tried again.");
