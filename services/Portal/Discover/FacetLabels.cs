using Federation.Contracts.Metadata;
using Federation.Portal.Catalogue;
using Federation.Portal.Language;

namespace Federation.Portal.Discover;

/// <summary>How a facet value reads for a person: kinds, access policies and answers in their language, hubs by name.</summary>
public static class FacetLabels
{
    public static string Of(PortalText text, string dimension, string value, IReadOnlyDictionary<string, string> hubNames) => dimension switch
    {
        "kind" => text[$"kind.{value}"],
        "accessPolicy" => text[$"access.{value}.short"],
        "personalData" => text[$"answer.{value}"],
        "riskClass" => text[$"risk.{value}"],
        "hub" => HubDirectory.NameOf(hubNames, value),
        "theme" or "sector" when PortalText.Has($"{dimension}.{value}") => text[$"{dimension}.{value}"],
        "region" when Vocabularies.Regions.TryGetValue(value, out var region) => region,
        _ => value,
    };
}
