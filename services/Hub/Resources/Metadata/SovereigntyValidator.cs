using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;

namespace Federation.Hub.Resources.Metadata;

/// <summary>Checks where a resource is stored and processed, and the jurisdiction it is under.</summary>
public static class SovereigntyValidator
{
    public static Sovereignty? Validate(SovereigntyInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var storage = errors.Country(input.StorageCountry, "sovereignty.storageCountry", required: true);
        var processing = errors.ListOf(input.ProcessingCountries, "sovereignty.processingCountries", 30, (value, field) => errors.Country(value, field, required: true));
        var jurisdiction = errors.OneOf(input.Jurisdiction?.ToUpperInvariant(), "sovereignty.jurisdiction", Vocabularies.Jurisdictions);
        return storage is null ? null : new Sovereignty(storage, processing, jurisdiction);
    }
}
