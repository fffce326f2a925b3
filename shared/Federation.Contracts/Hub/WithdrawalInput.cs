namespace Federation.Contracts.Hub;

/// <summary>Staff withdrawing a resource (POST /resources/{id}/withdraw), with the reason the federation is told, if any.</summary>
public sealed record WithdrawalInput(string? Reason);
