namespace Federation.Contracts.Metadata;

/// <summary>What one accelerator-hour costs an organisation of the given eligibility, in euro (0 where it is free).</summary>
public sealed record ComputePrice(string Eligibility, decimal EuroPerAcceleratorHour);
