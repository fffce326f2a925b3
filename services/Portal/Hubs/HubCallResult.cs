using System.Net;

namespace Federation.Portal.Hubs;

/// <summary>A hub's answer to something the portal did for a member: success, or the hub's reasons by field, in words.</summary>
public sealed record HubCallResult<T>(T? Value, HttpStatusCode Status, IReadOnlyDictionary<string, string[]> Errors, string? Detail)
{
    public bool Succeeded => Value is not null;

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var reasons) ? string.Join(" ", reasons) : null;
}
