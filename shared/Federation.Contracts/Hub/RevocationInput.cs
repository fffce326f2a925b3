namespace Federation.Contracts.Hub;

/// <summary>Staff revoking a grant (POST /grants/{id}/revoke), with the reason the grantee is told.</summary>
public sealed record RevocationInput(string? Reason);
