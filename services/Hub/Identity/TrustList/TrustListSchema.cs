using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Identity.TrustList;

/// <summary>The last trust list read, kept so that a hub restarting while the catalogue is away still knows its peers.</summary>
internal static class TrustListSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Steps =
    [
        new(1, "baseline", """
            CREATE TABLE IF NOT EXISTS hub_trust_list (
                singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                version    text        NOT NULL,
                hubs       jsonb       NOT NULL,
                fetched_at timestamptz NOT NULL
            );
            """),
    ];
}
