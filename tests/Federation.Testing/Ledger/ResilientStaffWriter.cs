using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Testing.Ledger;

/// <summary>
/// Hub staff writing the way a careful client does when parts of the system fail: every create carries an
/// Idempotency-Key, every change an If-Match; an answer that never came, a refused connection or a 503 is tried
/// again (on the next silo, when a hub has several) until it is acknowledged or the deadline passes. What the hub
/// acknowledged goes into the <see cref="ChangeLedger"/>. Any other answer is not retried: it is recorded as an error.
/// </summary>
public sealed class ResilientStaffWriter(IReadOnlyList<ServiceProcess> silos, ChangeLedger ledger, TimeSpan? deadline = null)
{
    private readonly TimeSpan deadline = deadline ?? TimeSpan.FromSeconds(120);
    private int next;

    /// <summary>Answers that were neither acknowledgements nor retryable, as "METHOD path → status: body".</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Told of every attempt: its method, the status (null when no answer came) and how long it took.</summary>
    public Action<HttpMethod, HttpStatusCode?, TimeSpan>? Observer { get; init; }

    public static object Dataset(string title) => new
    {
        kind = "dataset", title, summary = "Written by the reliability suite.", licence = "CC-BY-4.0",
        accessPolicy = "open", publisher = "Federation reliability suite", keywords = new[] { "reliability" },
    };

    /// <summary>Creates and publishes a dataset titled "<paramref name="marker"/> rev 0"; returns its id.</summary>
    public async Task<Guid?> PublishNewAsync(string marker, CancellationToken cancellationToken = default)
    {
        var key = Guid.NewGuid().ToString();
        var title = $"{marker} rev 0";
        var created = await SendAsync(HttpMethod.Post, "resources", Dataset(title), request => request.Headers.Add("Idempotency-Key", key), cancellationToken);
        if (created is null)
        {
            return null;
        }

        var id = created.Value.GetProperty("id").GetGuid();
        var version = created.Value.GetProperty("version").GetInt32();
        if (created.Value.GetProperty("state").GetString() != "published")
        {
            var published = await SendAsync(HttpMethod.Post, $"resources/{id}/publish", null, IfMatch(version), cancellationToken, alreadyDone: now => now.GetProperty("state").GetString() == "published");
            if (published is null)
            {
                return null;
            }

            version = published.Value.GetProperty("version").GetInt32();
        }

        ledger.Acknowledge(id, marker, version, title, DateTimeOffset.UtcNow);
        return id;
    }

    /// <summary>Replaces the title with "<paramref name="marker"/> rev <paramref name="revision"/>"; true once acknowledged.</summary>
    public async Task<bool> UpdateAsync(Guid id, string marker, int revision, CancellationToken cancellationToken = default)
    {
        var title = $"{marker} rev {revision}";
        var known = ledger.Latest.TryGetValue(id, out var acknowledged) ? acknowledged.Version : 0;
        var updated = await SendAsync(HttpMethod.Put, $"resources/{id}", Dataset(title), IfMatch(known), cancellationToken,
            alreadyDone: now => now.GetProperty("title").GetString() == title);
        if (updated is null)
        {
            return false;
        }

        ledger.Acknowledge(id, marker, updated.Value.GetProperty("version").GetInt32(), title, DateTimeOffset.UtcNow);
        return true;
    }

    private static Action<HttpRequestMessage> IfMatch(int version) =>
        request => request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));

    /// <summary>
    /// Sends until acknowledged. A 412 means the version moved: if the resource already shows this change
    /// (<paramref name="alreadyDone"/>, an earlier attempt whose answer was lost), that is the acknowledgement;
    /// otherwise the change is sent again on the version now current.
    /// </summary>
    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body, Action<HttpRequestMessage> decorate,
        CancellationToken cancellationToken, Func<JsonElement, bool>? alreadyDone = null)
    {
        var until = DateTime.UtcNow + deadline;
        var ifMatch = decorate;
        while (DateTime.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            var silo = silos[(int)((uint)Interlocked.Increment(ref next) % silos.Count)];
            try
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.Authorization = await silo.StaffAuthorizationAsync();
                ifMatch(request);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(15));
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await silo.Http.SendAsync(request, timeout.Token);
                Observer?.Invoke(method, response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                }

                if (response.StatusCode == HttpStatusCode.PreconditionFailed && path.StartsWith("resources/", StringComparison.Ordinal))
                {
                    var id = path.Split('/')[1];
                    var now = await ReadAsync(silo, id, cancellationToken);
                    if (alreadyDone is not null && alreadyDone(now))
                    {
                        return now;
                    }

                    var current = now.GetProperty("version").GetInt32();
                    ifMatch = IfMatch(current);
                    ledger.Retried("412 version moved");
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.TooManyRequests)
                {
                    ledger.Retried(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await Task.Delay(250, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                var refusal = $"{method} {path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                lock (Errors)
                {
                    Errors.Add(refusal);
                }

                return null;
            }
            catch (HttpRequestException exception)
            {
                ledger.Retried(exception.HttpRequestError.ToString());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller stopped: an attempt in flight is neither acknowledged nor an error.
                return null;
            }
            catch (TaskCanceledException)
            {
                ledger.Retried("no answer within 15 s");
            }
            catch (TokenRefusedException)
            {
                ledger.Retried("no staff token");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            lock (Errors)
            {
                Errors.Add($"{method} {path} → gave up after {deadline.TotalSeconds:0} s");
            }
        }

        return null;
    }

    private static async Task<JsonElement> ReadAsync(ServiceProcess silo, string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"resources/{id}");
        request.Headers.Authorization = await silo.StaffAuthorizationAsync();
        using var response = await silo.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
