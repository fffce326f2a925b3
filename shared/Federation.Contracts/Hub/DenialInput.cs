namespace Federation.Contracts.Hub;

/// <summary>Staff denying a request, with the reason the requester is told.</summary>
public sealed record DenialInput(string? Reason);
