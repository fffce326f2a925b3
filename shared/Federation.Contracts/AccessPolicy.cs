using System.Text.Json.Serialization;

namespace Federation.Contracts;

/// <summary>Who may use a resource's protected parts. Metadata of every published resource is public.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessPolicy>))]
public enum AccessPolicy
{
    /// <summary>Anyone.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Any signed-in member of a trusted hub.</summary>
    [JsonStringEnumMemberName("federation")] Federation,

    /// <summary>A grant from the owning hub is needed.</summary>
    [JsonStringEnumMemberName("approval")] Approval,

    /// <summary>Members of the owning hub only.</summary>
    [JsonStringEnumMemberName("hub")] Hub,
}
