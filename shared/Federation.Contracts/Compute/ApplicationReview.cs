namespace Federation.Contracts.Compute;

/// <summary>One reviewer's score (1 to 5) of an application and their comment, as the facility's staff see it.</summary>
public sealed record ApplicationReview(string ReviewerName, int Score, string Comment, DateTimeOffset ReviewedAt);
