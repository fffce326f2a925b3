namespace Federation.Contracts.Hub;

/// <summary>A price as staff send it.</summary>
public sealed record ComputePriceInput(string? Eligibility, decimal? EuroPerAcceleratorHour);
