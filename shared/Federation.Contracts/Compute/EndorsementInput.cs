namespace Federation.Contracts.Compute;

/// <summary>Home staff endorse an application: they checked the organisation is eligible, and add their advice.</summary>
public sealed record EndorsementInput(bool? EligibilityChecked, string? Advice);
