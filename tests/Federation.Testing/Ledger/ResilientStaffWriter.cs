using System.Net;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Clients.Results;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;

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

    public static ResourceInput Dataset(string title) => new()
    {
        Kind = "dataset", Title = title, Summary = "Written by the reliability suite.", Licence = "CC-BY-4.0",
        AccessPolicy = "open", Publisher = "Federation reliability suite", Keywords = ["reliability"],
    };

    /// <summary>Creates and publishes a dataset titled "<paramref name="marker"/> rev 0"; returns its id.</summary>
    public async Task<Guid?> PublishNewAsync(string marker, CancellationToken cancellationToken = default)
    {
        var key = Guid.NewGuid().ToString();
        var title = $"{marker} rev 0";
        var created = await SendAsync(HttpMethod.Post, "resources", resource: null, version: null,
            (hub, _, token) => hub.CreateResourceAsync(Dataset(title), token, idempotencyKey: key), cancellationToken);
        if (created is null)
        {
            return null;
        }

        var id = created.Id;
        var version = created.Version;
        if (created.State != ResourceState.Published)
        {
            var published = await SendAsync(HttpMethod.Post, $"resources/{id}/publish", id, version,
                (hub, expected, token) => hub.PublishAsync(id, expected, token), cancellationToken, alreadyDone: now => now.State == ResourceState.Published);
            if (published is null)
            {
                return null;
            }

            version = published.Version;
        }

        ledger.Acknowledge(id, marker, version, title, DateTimeOffset.UtcNow);
        return id;
    }

    /// <summary>Replaces the title with "<paramref name="marker"/> rev <paramref name="revision"/>"; true once acknowledged.</summary>
    public async Task<bool> UpdateAsync(Guid id, string marker, int revision, CancellationToken cancellationToken = default)
    {
        var title = $"{marker} rev {revision}";
        var known = ledger.Latest.TryGetValue(id, out var acknowledged) ? acknowledged.Version : 0;
        var updated = await SendAsync(HttpMethod.Put, $"resources/{id}", id, known,
            (hub, expected, token) => hub.UpdateResourceAsync(id, Dataset(title), expected, token), cancellationToken,
            alreadyDone: now => now.Title == title);
        if (updated is null)
        {
            return false;
        }

        ledger.Acknowledge(id, marker, updated.Version, title, DateTimeOffset.UtcNow);
        return true;
    }

    /// <summary>
    /// Sends until acknowledged, with If-Match <paramref name="version"/> where given. A 412 means the version moved:
    /// if the resource already shows this change (<paramref name="alreadyDone"/>, an earlier attempt whose answer was
    /// lost), that is the acknowledgement; otherwise the change is sent again on the version now current.
    /// </summary>
    private async Task<ResourceSnapshot?> SendAsync(HttpMethod method, string path, Guid? resource, int? version,
        Func<HubClient, int?, CancellationToken, Task<ApiResult<ResourceSnapshot>>> send, CancellationToken cancellationToken,
        Func<ResourceSnapshot, bool>? alreadyDone = null)
    {
        var until = DateTime.UtcNow + deadline;
        var ifMatch = version;
        while (DateTime.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            var silo = silos[(int)((uint)Interlocked.Increment(ref next) % silos.Count)];
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(15));
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var answer = await send(silo.StaffClient(), ifMatch, timeout.Token);
                Observer?.Invoke(method, answer.Status, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                if (answer.Succeeded)
                {
                    return answer.Value;
                }

                if (answer.Status == HttpStatusCode.PreconditionFailed && resource is { } id)
                {
                    var now = await silo.StaffClient().GetResourceAsync(id, cancellationToken).EnsureSuccessAsync();
                    if (alreadyDone is not null && alreadyDone(now))
                    {
                        return now;
                    }

                    ifMatch = now.Version;
                    ledger.Retried("412 version moved");
                    continue;
                }

                if (answer.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.TooManyRequests)
                {
                    ledger.Retried(((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await Task.Delay(250, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                // The refusal whole, as problem details: a failing run's message says exactly what the hub answered.
                var refusal = $"{method} {path} → {(int)answer.Status}: {JsonSerializer.Serialize(answer.Problem, FederationJson.Options)}";
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
}
