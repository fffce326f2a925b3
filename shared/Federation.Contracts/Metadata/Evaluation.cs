namespace Federation.Contracts.Metadata;

/// <summary>One evaluation result of a model: a metric, its value, and the dataset it was measured on.</summary>
public sealed record Evaluation(string Metric, double Value, ResourceLink? Dataset = null, string? DatasetName = null);
