namespace Federation.Contracts.Hub;

/// <summary>The answer of POST /access-requests/{id}/approve: the request as decided, and the grant it made.</summary>
public sealed record ApprovedAccessRequest(AccessRequest Request, Grant? Grant);
