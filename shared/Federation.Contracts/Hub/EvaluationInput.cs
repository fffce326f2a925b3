namespace Federation.Contracts.Hub;

/// <summary>One evaluation result of a model, on a dataset of the federation or one named only, as staff send it.</summary>
public sealed record EvaluationInput(string? Metric, double? Value, ResourceLinkInput? Dataset, string? DatasetName);
