namespace Federation.Contracts.Hub;

/// <summary>The draft an import (POST /resources/import/model-card or /dcat-ap) made, and what the reader noted.</summary>
public sealed record ImportedResource(ResourceSnapshot Resource, IReadOnlyList<string> Notes);
