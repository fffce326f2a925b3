using System.Text.Json.Serialization;

namespace Federation.Contracts.Authority;

/// <summary>
/// An active member has a statement; a suspended one has none until reinstated; a removed one is gone for good
/// (its record stays, so its id is never given to another).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberState>))]
public enum MemberState
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("suspended")] Suspended,
    [JsonStringEnumMemberName("removed")] Removed,
}
