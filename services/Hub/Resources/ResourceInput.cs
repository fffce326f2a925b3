namespace Federation.Hub.Resources;

/// <summary>
/// A resource as hub staff send it. Everything is optional here so that a missing or wrong field is answered by
/// <see cref="ResourceValidator"/> with the field's name, not by a serializer error.
/// </summary>
public sealed record ResourceInput
{
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string?>? Keywords { get; init; }
    public IReadOnlyList<string?>? Themes { get; init; }
    public string? Licence { get; init; }
    public string? AccessPolicy { get; init; }
    public string? Publisher { get; init; }
    public string? ContactPoint { get; init; }
    public string? Language { get; init; }
}
