namespace Federation.Contracts.Catalogue;

/// <summary>
/// How much a resource is used, as its hub counts it (<see cref="ResourceActivityReported"/>): how many people
/// downloaded it, asked for access or for an introduction, never who.
/// </summary>
public sealed record ResourceUse(long Downloads, long AccessRequests, long Introductions)
{
    public static ResourceUse None { get; } = new(0, 0, 0);
}
