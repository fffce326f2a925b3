using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Federation.Authority.Members;

/// <summary>
/// Lets through only requests carrying the federation operators' secret as a bearer token (compared in constant time);
/// anything else is a 401 that names nothing about the secret.
/// </summary>
public sealed class AdminSecret(IOptions<AuthorityOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var expected = Encoding.UTF8.GetBytes(options.Value.AdminSecret!);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(expected)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Only the federation's operators may change its members.");
        }

        return await next(context);
    }
}
