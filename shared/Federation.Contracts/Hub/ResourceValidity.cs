namespace Federation.Contracts.Hub;

/// <summary>
/// The answer of POST /resources/validate to a resource that passes every check of a create (always
/// <c>valid: true</c>); one that does not is answered with problem details naming the fields.
/// </summary>
public sealed record ResourceValidity(bool Valid);
