namespace Federation.Contracts;

/// <summary>
/// How much a hub's resources are used, counted where they are (the hub decides and records every access): totals
/// since publication, never who. The catalogue makes popularity of them. A report holds the totals of some resources
/// (those that changed, and in turn all of them), so a lost report is made good by a later one; a total older than
/// one the catalogue holds (by <see cref="At"/>) is ignored.
/// </summary>
public sealed record ResourceActivityReported(string HubId, DateTimeOffset At, IReadOnlyList<ResourceActivity> Resources) : ISignedMessage
{
    /// <summary>The most resources one report carries.</summary>
    public const int MaxResources = 500;

    string ISignedMessage.SignerId => HubId;
}
