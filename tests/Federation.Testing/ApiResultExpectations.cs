using Federation.Clients.Results;

namespace Federation.Testing;

/// <summary>For calls a spec or a benchmark needs to succeed before it can go on (its set-up), not for what it checks.</summary>
public static class ApiResultExpectations
{
    /// <summary>
    /// The value of a call that succeeded; a refusal throws an <see cref="HttpRequestException"/> with its status and
    /// reasons, as <see cref="HttpResponseMessage.EnsureSuccessStatusCode"/> does, so that <see cref="Eventually"/>
    /// goes on waiting where it would have for a raw call.
    /// </summary>
    public static async Task<T> EnsureSuccessAsync<T>(this Task<ApiResult<T>> call) => (await call).EnsureSuccess();

    /// <summary>The same for an answer already in hand.</summary>
    public static T EnsureSuccess<T>(this ApiResult<T> result)
    {
        if (!result.Succeeded)
        {
            var reasons = result.Problem?.Reasons() ?? [];
            throw new HttpRequestException(
                $"HTTP {(int)result.Status} {result.Problem?.Title}{(reasons.Count > 0 ? ": " + string.Join("; ", reasons) : "")}", null, result.Status);
        }

        return result.Value!;
    }
}
