namespace Federation.Contracts.Hub;

/// <summary>What a member sends to ask for access to an <c>approval</c> resource: the purpose, and that they accept its terms.</summary>
public sealed record AccessRequestInput(string? Purpose, bool? AcceptTerms);
