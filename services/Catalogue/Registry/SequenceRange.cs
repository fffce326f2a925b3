namespace Federation.Catalogue.Registry;

/// <summary>Sequences (After, Through] of one hub that the catalogue has applied.</summary>
public sealed record SequenceRange(long After, long Through);
