namespace Federation.Clients.Results;

/// <summary>The value of a call whose answer has no body (204): its <see cref="ApiResult{T}.Succeeded"/> says it all.</summary>
public readonly record struct NoContent;
