namespace Federation.Contracts.Hub;

/// <summary>A model's classification under the EU AI Act, as staff send it.</summary>
public sealed record AiActInput(string? RiskClass, string? AnnexIiiArea, string? IntendedPurpose);
