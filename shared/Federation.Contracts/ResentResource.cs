namespace Federation.Contracts;

/// <summary>One resource in a resync answer, with the sequence of the latest event about it.</summary>
public sealed record ResentResource(long Sequence, ResourceSnapshot Resource);
