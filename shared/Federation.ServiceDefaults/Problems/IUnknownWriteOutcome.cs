namespace Federation.ServiceDefaults.Problems;

/// <summary>
/// Marks an exception that ended a write whose commit did not answer: the change may or may not have been made. It is
/// answered 503 with Retry-After like a dependency that is away, but without the promise that nothing was changed.
/// </summary>
public interface IUnknownWriteOutcome;
