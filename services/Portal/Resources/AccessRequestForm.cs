namespace Federation.Portal.Resources;

/// <summary>The request-access form as the member fills it in.</summary>
public sealed class AccessRequestForm
{
    public string? Purpose { get; set; }

    public bool AcceptTerms { get; set; }
}
