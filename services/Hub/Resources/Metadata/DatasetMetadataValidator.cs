using Federation.Contracts.Hub;
using System.Text.RegularExpressions;
using Federation.Contracts.Metadata;

namespace Federation.Hub.Resources.Metadata;

/// <summary>
/// Checks a dataset's DCAT-AP metadata: coverage, frequency, distributions, personal data and legal basis, and every
/// simple field of the registry (<see cref="DatasetTextFields"/>) by what it declares.
/// </summary>
public static partial class DatasetMetadataValidator
{
    public const int DistributionsMax = 50;

    public static DatasetMetadata? Validate(DatasetInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        if (input.TemporalStart is { } start && input.TemporalEnd is { } end && end < start)
        {
            errors.Fail("dataset.temporalEnd", "The temporal coverage ends before it starts.");
        }

        var personal = input.ContainsPersonalData ?? false;
        var legalBasis = errors.OneOf(input.LegalBasis, "dataset.legalBasis", Vocabularies.LegalBases, required: personal);
        if (!personal && legalBasis is not null)
        {
            errors.Fail("dataset.legalBasis", "A legal basis is given only for a dataset that contains personal data.");
        }

        var distributions = errors.Items(input.Distributions, "dataset.distributions", DistributionsMax, $"At most {DistributionsMax} distributions.",
            (distribution, field) => Distribution(distribution, field, errors));

        var metadata = new DatasetMetadata(
            input.TemporalStart,
            input.TemporalEnd,
            errors.Text(input.SpatialCoverage, "dataset.spatialCoverage", 200),
            errors.OneOf(input.UpdateFrequency, "dataset.updateFrequency", Vocabularies.UpdateFrequencies),
            distributions,
            personal,
            legalBasis);
        return DatasetTextFields.All.Aggregate(metadata, (kept, field) => field.Metadata.With(kept, Field(field, input, errors)));
    }

    /// <summary>A registry field's value as staff sent it, checked against its vocabulary or its length.</summary>
    public static string? Field(DatasetTextField field, DatasetInput input, FieldErrors errors) =>
        field.Allowed is { } allowed
            ? errors.OneOf(field.Input.Get(input), field.Path, allowed)
            : errors.Text(field.Input.Get(input), field.Path, field.MaxLength);

    public static Distribution? Distribution(DistributionInput? input, string field, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Fail(field, "A distribution may not be null.");
            return null;
        }

        var title = errors.Text(input.Title, $"{field}.title", 200, required: true);
        var mediaType = input.MediaType?.Trim().ToLowerInvariant();
        if (mediaType is null || !MediaType().IsMatch(mediaType))
        {
            errors.Fail($"{field}.mediaType", "A media type such as text/csv or application/parquet is required.");
        }

        if (input.ByteSize is < 0)
        {
            errors.Fail($"{field}.byteSize", "A size cannot be negative.");
        }

        var sha256 = input.Sha256?.Trim().ToLowerInvariant();
        if (sha256 is not null && !Sha256().IsMatch(sha256))
        {
            errors.Fail($"{field}.sha256", "A SHA-256 checksum is 64 hexadecimal characters.");
        }

        Uri? download = null;
        if (input.DownloadUrl is { } url && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out download) || download.Scheme is not ("https" or "http")))
        {
            errors.Fail($"{field}.downloadUrl", "A download address is an absolute http(s) URL.");
        }

        return title is null || mediaType is null
            ? null
            : new Distribution(title, mediaType, errors.Text(input.Format, $"{field}.format", 60), input.ByteSize, sha256, input.ArtifactId, download);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")]
    private static partial Regex MediaType();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
