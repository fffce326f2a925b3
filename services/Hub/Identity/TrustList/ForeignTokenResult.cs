namespace Federation.Hub.Identity.TrustList;

/// <summary>A foreign token's verdict: the person it describes, or why it was refused.</summary>
public sealed record ForeignTokenResult(ForeignPerson? Person, string? Refusal)
{
    public static ForeignTokenResult Accepted(ForeignPerson person) => new(person, null);

    public static ForeignTokenResult Refused(string reason) => new(null, reason);
}
