namespace Federation.Contracts.Metadata;

/// <summary>
/// How one text property of an immutable record is read and set: <c>new(m => m.Version, (m, v) => m with { Version = v })</c>.
/// Written as lambdas rather than a property name so that the compiler checks that the property exists and is a text.
/// </summary>
public sealed record TextAccessor<TRecord>(Func<TRecord, string?> Get, Func<TRecord, string?, TRecord> With);
