using System.Text.Json;
using Federation.Contracts.Harvest;
using Federation.Contracts.Serialization;

namespace Federation.Hub.Harvest;

/// <summary>A run as stored, and as the harvester counts it while it goes.</summary>
public sealed class RunRow
{
    // A report lists at most this many refusals one by one; the count holds them all.
    public const int MaxListedRefusals = 500;

    public Guid Id { get; set; }
    public Guid SourceId { get; set; }
    public string State { get; set; } = "";
    public bool DryRun { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int PagesRead { get; set; }
    public int? TotalDatasets { get; set; }
    public int DatasetsSeen { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Withdrawn { get; set; }
    public int KeptLocalEdits { get; set; }
    public int Refused { get; set; }
    public int WouldWithdraw { get; set; }
    public string? Error { get; set; }
    public int Attempt { get; set; }

    public List<HarvestRefusal> Refusals { get; set; } = [];

    /// <summary>The source identifiers a held run would withdraw, for staff to confirm.</summary>
    public List<string> Withheld { get; set; } = [];

    // The two lists as the database holds them (jsonb).
    public string RefusalsJson
    {
        get => JsonSerializer.Serialize(Refusals, FederationJson.Options);
        set => Refusals = JsonSerializer.Deserialize<List<HarvestRefusal>>(value, FederationJson.Options) ?? [];
    }

    public string WithheldJson
    {
        get => JsonSerializer.Serialize(Withheld, FederationJson.Options);
        set => Withheld = JsonSerializer.Deserialize<List<string>>(value, FederationJson.Options) ?? [];
    }

    public void Refuse(string? sourceIdentifier, string? title, string reason)
    {
        Refused++;
        if (Refusals.Count < MaxListedRefusals)
        {
            Refusals.Add(new HarvestRefusal(sourceIdentifier, title, reason));
        }
    }

    public HarvestRun ToContract() => new(
        Id, SourceId, State, DryRun, StartedBy, QueuedAt, StartedAt, FinishedAt,
        StartedAt is { } start && FinishedAt is { } end ? (long)(end - start).TotalMilliseconds : null,
        PagesRead, TotalDatasets, DatasetsSeen, Created, Updated, Unchanged, Withdrawn, KeptLocalEdits, Refused, WouldWithdraw, Refusals, Error, Attempt,
        State == "held" ? Withheld.Take(MaxListedRefusals).ToList() : []);
}
