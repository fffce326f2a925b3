using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Artifacts;

/// <summary>Where artifacts are kept and how large one may be (section <c>Artifacts</c>).</summary>
public sealed class ArtifactOptions
{
    public const string Section = "Artifacts";

    /// <summary>Folder of the local disk store. Empty means a folder per hub under the system's temporary directory.</summary>
    public string Root { get; set; } = "";

    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
