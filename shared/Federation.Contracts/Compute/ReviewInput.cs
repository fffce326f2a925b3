namespace Federation.Contracts.Compute;

/// <summary>A reviewer's score of an application (1 poor to 5 excellent) with a comment for the facility's staff.</summary>
public sealed record ReviewInput(int? Score, string? Comment);
