namespace Federation.ServiceDefaults.Postgres;

/// <summary>
/// One numbered, versioned step of a schema. Once applied anywhere it never changes: a later change of the schema is
/// a new step with the next version. Version 1 of each schema is its baseline, written idempotently so that it also
/// adopts a database made before schemas were versioned.
/// </summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
