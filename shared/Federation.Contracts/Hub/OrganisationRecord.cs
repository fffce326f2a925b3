namespace Federation.Contracts.Hub;

/// <summary>
/// One of a hub's organisations as its staff see it (GET /organisations): type company, university, research-institute,
/// government or other; a company's KvK number; an institution's domains; how many members belong to it.
/// </summary>
public sealed record OrganisationRecord(string Id, string Name, string Type, string? KvkNumber, IReadOnlyList<string> Domains, int Members);
