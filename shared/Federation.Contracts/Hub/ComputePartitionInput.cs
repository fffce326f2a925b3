namespace Federation.Contracts.Hub;

/// <summary>One partition as staff send it.</summary>
public sealed record ComputePartitionInput(
    string? Name, string? AcceleratorModel, int? AcceleratorsPerNode, int? Nodes, int? MemoryPerNodeGb, string? Interconnect);
