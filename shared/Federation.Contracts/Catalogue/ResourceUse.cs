namespace Federation.Contracts.Catalogue;

/// <summary>
/// How much a resource is used, as its hub counts it (<see cref="ResourceActivityReported"/>): totals since publication,
/// without any person.
/// </summary>
public sealed record ResourceUse(long Downloads, long AccessRequests, long Introductions)
{
    public static ResourceUse None { get; } = new(0, 0, 0);
}
