using System.ComponentModel.DataAnnotations;

namespace Federation.Catalogue.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Parallel writer lanes; each hub always writes through the same one. One per core is a good start.</summary>
    [Range(1, 64)]
    public int Lanes { get; set; } = Math.Max(2, Environment.ProcessorCount);
}
