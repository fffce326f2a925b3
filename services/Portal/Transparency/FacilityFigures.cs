namespace Federation.Portal.Transparency;

/// <summary>One facility on the open accounting page: who, where its data is, and its figures (null when it did not answer).</summary>
public sealed record FacilityFigures(string FacilityId, string DisplayName, Uri ApiBaseUrl, AccountingFigures? Figures);
