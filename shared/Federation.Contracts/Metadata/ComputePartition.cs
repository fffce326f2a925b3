namespace Federation.Contracts.Metadata;

/// <summary>
/// One partition of a facility (Slurm's word): its name as jobs ask for it, the accelerator model and how many sit in
/// a node, how many nodes, each node's memory, and the network between nodes.
/// </summary>
public sealed record ComputePartition(
    string Name,
    string AcceleratorModel,
    int AcceleratorsPerNode,
    int Nodes,
    int MemoryPerNodeGb,
    string? Interconnect = null)
{
    public int Accelerators => AcceleratorsPerNode * Nodes;
}
