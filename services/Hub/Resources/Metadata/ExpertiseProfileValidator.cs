using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;

namespace Federation.Hub.Resources.Metadata;

/// <summary>Checks an expertise offer: who offers it, skills from the shared vocabulary, sectors, region, availability.</summary>
public static class ExpertiseProfileValidator
{
    public static ExpertiseProfile? Validate(ExpertiseInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var providerKind = errors.OneOf(input.ProviderKind, "expertise.providerKind", Vocabularies.ProviderKinds, required: true);
        var skills = errors.ListOf(input.Skills, "expertise.skills", 30, (value, field) => errors.OneOf(value, field, Vocabularies.Skills, required: true));
        var tags = errors.ListOf(input.Tags, "expertise.tags", 30, (value, field) => errors.Text(value, field, 60, required: true)?.ToLowerInvariant());
        var sectors = errors.ListOf(input.Sectors, "expertise.sectors", 21, (value, field) => errors.OneOf(value, field, Vocabularies.Sectors.Keys, required: true));
        var languages = errors.ListOf(input.Languages, "expertise.languages", 20, (value, field) =>
        {
            var code = value?.Trim().ToLowerInvariant();
            if (code is not { Length: 2 } || !code.All(char.IsAsciiLetterLower))
            {
                errors.Fail(field, "A language is a two-letter ISO 639-1 code such as nl or en.");
                return null;
            }

            return code;
        });
        return providerKind is null
            ? null
            : new ExpertiseProfile(
                providerKind, skills, tags, sectors,
                errors.OneOf(input.Region, "expertise.region", Vocabularies.Regions.Keys),
                languages,
                errors.OneOf(input.Availability, "expertise.availability", Vocabularies.Availabilities),
                errors.Text(input.EngagementTerms, "expertise.engagementTerms", 2000),
                input.WantsContact ?? true);
    }
}
