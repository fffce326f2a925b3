using Federation.Contracts.Hub;

namespace Federation.Portal.Resources;

/// <summary>The request-access form as the member fills it in.</summary>
public sealed class AccessRequestForm
{
    public string? Purpose { get; set; }

    public bool AcceptTerms { get; set; }

    /// <summary>What the hub's API takes from this form.</summary>
    public AccessRequestInput ToInput() => new(Purpose, AcceptTerms);
}
