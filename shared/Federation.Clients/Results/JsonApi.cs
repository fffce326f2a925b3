using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Federation.Contracts.Serialization;

namespace Federation.Clients.Results;

/// <summary>
/// The one way the typed clients send a request and read its answer: the bearer token (when the client has one) on
/// every request, bodies in the federation's JSON, and the answer as an <see cref="ApiResult{T}"/>.
/// </summary>
internal sealed class JsonApi(HttpClient http, Func<CancellationToken, ValueTask<string?>>? accessToken)
{
    public HttpClient Http => http;

    public static JsonContent Json<TBody>(TBody body) => JsonContent.Create(body, options: FederationJson.Options);

    public async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, Action<HttpRequestMessage>? prepare = null)
    {
        using var request = await CreateAsync(method, path, content, cancellationToken);
        prepare?.Invoke(request);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>
    /// Sends and leaves the answer's body unread, for files and exports that are streamed to where they go; the
    /// caller disposes the response. A refusal is read as a problem and the response disposed.
    /// </summary>
    public async Task<ApiResult<HttpResponseMessage>> OpenAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = await CreateAsync(method, path, null, cancellationToken);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ApiResult<HttpResponseMessage>(response.StatusCode, response, null, response.Headers.ETag?.Tag);
        }

        using (response)
        {
            return new ApiResult<HttpResponseMessage>(response.StatusCode, null, await ProblemReader.ReadAsync(response, cancellationToken));
        }
    }

    public async Task<HttpRequestMessage> CreateAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null && await accessToken(cancellationToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<ApiResult<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var etag = response.Headers.ETag?.Tag;
        if (!response.IsSuccessStatusCode)
        {
            return new ApiResult<T>(response.StatusCode, default, await ProblemReader.ReadAsync(response, cancellationToken), etag);
        }

        // Done with nothing to say (204, or a body the caller does not want): success whatever T is.
        if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(NoContent) || response.Content.Headers.ContentLength == 0)
        {
            return new ApiResult<T>(response.StatusCode, default, null, etag);
        }

        if (typeof(T) == typeof(string))
        {
            return new ApiResult<T>(response.StatusCode, (T)(object)await response.Content.ReadAsStringAsync(cancellationToken), null, etag);
        }

        return new ApiResult<T>(response.StatusCode, await response.Content.ReadFromJsonAsync<T>(FederationJson.Options, cancellationToken), null, etag);
    }

    /// <summary>A query string of the given parameters that have a value, escaped; empty when none has.</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }
}
