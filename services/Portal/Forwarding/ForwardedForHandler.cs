namespace Federation.Portal.Forwarding;

/// <summary>
/// Tells the catalogue and the hubs, on every call the portal makes for a person, the address the person came from
/// (X-Forwarded-For). A service that lists the portal among its trusted proxies then rate-limits each person by their
/// own address instead of everyone by the portal's; any other service ignores the header.
/// </summary>
public sealed class ForwardedForHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
