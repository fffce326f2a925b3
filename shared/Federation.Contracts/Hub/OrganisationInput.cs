namespace Federation.Contracts.Hub;

/// <summary>
/// An organisation as staff add or change it (POST /organisations, PUT /organisations/{id}). The id is made from the
/// name when left out; a company needs its eight-digit KvK number; domains are lower-case, such as <c>rug.nl</c>.
/// </summary>
public sealed record OrganisationInput(string? Id, string? Name, string? Type, string? KvkNumber = null, IReadOnlyList<string>? Domains = null);
