using Federation.Contracts.Hub;

namespace Federation.Cli.Import;

/// <summary>
/// One resource of an import file, as the hub's API takes it, with the line it came from; or the reason the line
/// could not be read at all.
/// </summary>
public sealed record ImportRow(int Line, ResourceInput? Resource, string? Unreadable = null)
{
    public string Title => Resource?.Title?.Trim() ?? "";
}
