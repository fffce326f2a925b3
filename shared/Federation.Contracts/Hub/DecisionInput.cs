namespace Federation.Contracts.Hub;

/// <summary>Staff accepting or declining an introduction, with the reason the requester is told.</summary>
public sealed record DecisionInput(string? Reason);
