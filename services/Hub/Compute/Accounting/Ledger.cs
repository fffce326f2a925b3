using Dapper;
using Federation.Contracts.Compute;
using Federation.Hub.Writes;

namespace Federation.Hub.Compute.Accounting;

/// <summary>
/// The facility's open accounting, written in the same unit of work as what it counts: each award, decision, call
/// and usage import adds to running amounts per month, dimension and value, so the transparency figures are read,
/// never summed from the raw records on request. Persons are never a dimension; an organisation only with consent.
/// </summary>
public static class Ledger
{
    public const string Offered = "offeredHours";
    public const string Applications = "applications";
    public const string Awarded = "awardedHours";
    public const string Decisions = "decisions";
    public const string DecisionDays = "decisionDays";
    public const string Used = "usedHours";
    public const string Energy = "energyKwh";
    /// <summary>The IT energy of jobs run where the facility's waste heat is reused: an upper bound of the heat reused, not a measurement of it.</summary>
    public const string HeatReused = "energyAtHeatReuseKwh";

    public static readonly IReadOnlyList<string> Measures = [Offered, Applications, Awarded, Decisions, DecisionDays, Used, Energy, HeatReused];

    public static readonly IReadOnlyList<string> Dimensions = ["all", "hub", "province", "organisationType", "sector", "accessMode", "organisation"];

    /// <summary>The values an application is counted under, dimension by dimension.</summary>
    public static IEnumerable<(string Dimension, string Value)> Of(ComputeApplication application, string accessMode)
    {
        yield return ("all", "all");
        yield return ("hub", application.HubId);
        yield return ("province", application.Province);
        yield return ("organisationType", application.OrganisationType);
        if (application.Sector is { } sector)
        {
            yield return ("sector", sector);
        }

        yield return ("accessMode", accessMode);
        if (application.NameOrganisationPublicly && application.OrganisationName is { Length: > 0 } organisation)
        {
            yield return ("organisation", organisation);
        }
    }

    /// <summary>Days from an application's arrival at the facility to its decision, to a thousandth of a day.</summary>
    public static decimal DaysBetween(DateTimeOffset submitted, DateTimeOffset decided) => Math.Round((decimal)(decided - submitted).TotalDays, 3);

    public static Task AddAsync(
        DateTimeOffset at, IEnumerable<(string Dimension, string Value)> values, IEnumerable<(string Measure, decimal Amount)> amounts, HubUnitOfWork work,
        CancellationToken cancellationToken)
    {
        var rows = values.SelectMany(v => amounts.Select(a => (v.Dimension, v.Value, a.Measure, a.Amount))).ToList();
        return work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_ledger (month, dimension, value, measure, amount)
            SELECT date_trunc('month', @at AT TIME ZONE 'UTC')::date, d, v, m, a FROM unnest(@dimensions, @values, @measures, @amounts) AS r(d, v, m, a)
            ORDER BY 2, 3, 4
            ON CONFLICT (month, dimension, value, measure) DO UPDATE SET amount = compute_ledger.amount + excluded.amount
            """, new
        {
            at, dimensions = rows.Select(r => r.Dimension).ToArray(), values = rows.Select(r => r.Value).ToArray(), measures = rows.Select(r => r.Measure).ToArray(),
            amounts = rows.Select(r => r.Amount).ToArray(),
        }, work.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The usage of an import's new jobs, summed per allocation and month and then fanned out over the allocation's
    /// dimensions, from the import's temporary table <c>inserted</c> (allocation_id, accelerator_hours, energy_kwh, ended_at).
    /// </summary>
    public const string UsageFromInserted = """
        INSERT INTO compute_ledger (month, dimension, value, measure, amount)
        SELECT month, d.dimension, d.value, m.measure, sum(m.amount)
          FROM (SELECT date_trunc('month', coalesce(i.ended_at, @now) AT TIME ZONE 'UTC')::date AS month, a.hub_id, a.province, a.organisation_type,
                       a.sector, a.access_mode, a.organisation_name, a.heat_reused, sum(i.accelerator_hours) AS accelerator_hours,
                       sum(i.energy_kwh) AS job_kwh
                  FROM inserted i JOIN compute_allocations a ON a.id = i.allocation_id
                 GROUP BY 1, a.id) u
         CROSS JOIN LATERAL (VALUES ('all', 'all'), ('hub', u.hub_id), ('province', u.province), ('organisationType', u.organisation_type),
                                    ('sector', u.sector), ('accessMode', u.access_mode), ('organisation', u.organisation_name)) AS d(dimension, value)
         CROSS JOIN LATERAL (VALUES ('usedHours', u.accelerator_hours), ('energyKwh', coalesce(u.job_kwh, 0)),
                                    ('energyAtHeatReuseKwh', CASE WHEN u.heat_reused THEN coalesce(u.job_kwh, 0) ELSE 0 END)) AS m(measure, amount)
         WHERE d.value IS NOT NULL
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (month, dimension, value, measure) DO UPDATE SET amount = compute_ledger.amount + excluded.amount
        """;
}
