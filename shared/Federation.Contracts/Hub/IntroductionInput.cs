namespace Federation.Contracts.Hub;

/// <summary>A member asking to be introduced to an expertise offer, with a message for its hub.</summary>
public sealed record IntroductionInput(string? Message);
