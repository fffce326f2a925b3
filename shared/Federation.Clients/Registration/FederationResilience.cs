using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Federation.Clients.Registration;

/// <summary>
/// The standard resilience handler as the federation's clients use it: reads (GET, HEAD, OPTIONS) are retried when
/// they fail for a moment and time out; a change (POST, PUT, DELETE …) is sent once and waits as long as the
/// HttpClient lets it, because repeating it could do it twice, unless it carries an Idempotency-Key, with which the
/// hub answers a repeat with what the first attempt made.
/// </summary>
public static class FederationResilience
{
    /// <summary>Adds the handler, with one circuit per host, so that one hub that is down does not stop calls to the others.</summary>
    public static IHttpClientBuilder AddFederationResilience(this IHttpClientBuilder client, Action<HttpStandardResilienceOptions>? configure = null)
    {
        client.AddStandardResilienceHandler(options =>
        {
            // Short waits: a person is waiting for the page, and a hub in crash recovery says when to come back (Retry-After).
            options.Retry.MaxRetryAttempts = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(250);
            var transient = options.Retry.ShouldHandle;
            options.Retry.ShouldHandle = async args => await transient(args) && !IsRateLimited(args.Outcome.Result) && IsRepeatable(RequestOf(args.Outcome.Result, args.Context));
            var breaks = options.CircuitBreaker.ShouldHandle;
            // A 429 is one person's limit (the services count each person behind the portal by their own address), not a
            // sick service: counted here it would let one person open the circuit, and retries, for everyone.
            options.CircuitBreaker.ShouldHandle = async args => await breaks(args) && !IsRateLimited(args.Outcome.Result) && IsRepeatable(RequestOf(args.Outcome.Result, args.Context));
            options.AttemptTimeout.TimeoutGenerator = args => Timeout(args.Context, options.AttemptTimeout.Timeout);
            options.TotalRequestTimeout.TimeoutGenerator = args => Timeout(args.Context, options.TotalRequestTimeout.Timeout);
            configure?.Invoke(options);
        }).SelectPipelineByAuthority();
        return client;
    }

    /// <summary>A read, or a change the server recognises when it comes again.</summary>
    public static bool IsRepeatable(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Headers.Contains(Hubs.HubClient.IdempotencyKeyHeader));

    // An upload of a large file, or any change, is not cut off by the standard handler's timeouts: only the caller's own.
    private static ValueTask<TimeSpan> Timeout(ResilienceContext context, TimeSpan timeout) =>
        ValueTask.FromResult(IsRepeatable(context.GetRequestMessage()) ? timeout : System.Threading.Timeout.InfiniteTimeSpan);

    private static bool IsRateLimited(HttpResponseMessage? response) => response?.StatusCode == System.Net.HttpStatusCode.TooManyRequests;

    private static HttpRequestMessage? RequestOf(HttpResponseMessage? response, ResilienceContext context) =>
        response?.RequestMessage ?? context.GetRequestMessage();
}
