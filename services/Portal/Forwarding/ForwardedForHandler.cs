using Microsoft.Extensions.Options;

namespace Federation.Portal.Forwarding;

/// <summary>
/// Tells a service that trusts the portal (<see cref="ForwardingOptions.TrustedBy"/>), on every call made for a
/// person, the address the person came from (X-Forwarded-For), so that its rate limits count each person by their own
/// address instead of everyone by the portal's. Other services are not told.
/// </summary>
public sealed class ForwardedForHandler(IHttpContextAccessor accessor, IOptions<ForwardingOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-Forwarded-For");
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address && request.RequestUri is { } target
            && options.Value.TrustedBy.Contains(target.Host, StringComparer.OrdinalIgnoreCase))
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
