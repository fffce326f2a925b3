using System.Text.Json.Serialization;

namespace Federation.Hub.Identity.Accounts;

/// <summary>What kind of organisation a member belongs to; a hub's guest policy may treat them differently.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrganisationType>))]
public enum OrganisationType
{
    [JsonStringEnumMemberName("company")] Company,
    [JsonStringEnumMemberName("university")] University,
    [JsonStringEnumMemberName("research-institute")] ResearchInstitute,
    [JsonStringEnumMemberName("government")] Government,
    [JsonStringEnumMemberName("other")] Other,
}
