using System.Net;

namespace Federation.Clients.Results;

/// <summary>
/// What a call of the hubs' or the catalogue's API came to: the value it answered (none for a 204, which is success
/// all the same), or the problem it was refused with. <see cref="ETag"/> is the version a hub gave a resource.
/// </summary>
/// <remarks>A service that cannot be reached is not a result: that is an exception (HttpRequestException, a timeout).</remarks>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, ApiProblem? Problem, string? ETag = null)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public bool Succeeded => Problem is null;

    /// <summary>The reasons by field the service gave, empty on success.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Problem?.Errors ?? NoErrors;

    public string? Detail => Problem?.Detail;

    /// <summary>The reasons given for <paramref name="field"/> in one sentence, or null.</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var reasons) ? string.Join(" ", reasons) : null;
}
