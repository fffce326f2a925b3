namespace Federation.Portal.Transparency;

/// <summary>One facility on the open accounting page: who, where its data is, its figures (null when it did not answer), and the dataset that describes them.</summary>
public sealed record FacilityFigures(string FacilityId, string DisplayName, Uri ApiBaseUrl, AccountingFigures? Figures, Guid? DescribedBy = null);
