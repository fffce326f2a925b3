namespace Federation.Clients.Hubs;

/// <summary>What staff give beside an imported document, for what the document does not state itself.</summary>
public sealed record ImportDefaults(string? AccessPolicy = null, string? Licence = null, string? Publisher = null);
