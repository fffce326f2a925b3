namespace Federation.Contracts.Harvest;

/// <summary>
/// A catalogue staff ask their hub to mirror: where it is, how often, and what the hub adds that the source does not
/// say (access policy, licence when a dataset names none, the organisation of the hub that publishes). Fields are
/// nullable so that each missing one is named by the hub rather than by the JSON reader.
/// </summary>
public sealed record HarvestSourceInput(
    string? Name,
    string? Url,
    string? Schedule,
    string? AccessPolicy,
    string? Licence,
    string? Organisation,
    int? WithdrawalLimitPercent = null,
    bool? Enabled = null);
