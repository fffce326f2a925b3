namespace Federation.Hub.Harvest;

/// <summary>A page of a source that could not be read, and why.</summary>
public sealed class HarvestFailure(string url, string reason) : Exception($"{url}: {reason}")
{
    public string Url { get; } = url;

    public string Reason { get; } = reason;
}
