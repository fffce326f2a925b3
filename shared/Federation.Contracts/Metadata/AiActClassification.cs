namespace Federation.Contracts.Metadata;

/// <summary>
/// The model's place under the EU AI Act (Regulation (EU) 2024/1689): its risk class (prohibited, high-risk, limited,
/// minimal, or a general-purpose AI model), for high-risk the Annex III area, and the intended purpose it was
/// classified for. Vocabularies in <see cref="Vocabularies"/>.
/// </summary>
public sealed record AiActClassification(string RiskClass, string? AnnexIiiArea = null, string? IntendedPurpose = null);
