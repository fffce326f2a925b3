using Microsoft.Extensions.DependencyInjection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.TrustList;

public static class ForeignSubjectTokens
{
    /// <summary>Accept JWT subject tokens of trusted hubs in the token exchange, checked by <see cref="ForeignSubjectTokenHandler"/>.</summary>
    public static OpenIddictServerBuilder AddForeignSubjectTokens(this OpenIddictServerBuilder server)
    {
        server.Services.AddSingleton<ForeignTokenValidator>();
        server.Services.AddSingleton<IssuerKeys>();
        server.Services.AddSingleton<SpentSubjectTokens>();
        server.Services.AddSingleton<ForeignSubjectTokenHandler>();
        server.AddEventHandler(ForeignSubjectTokenHandler.Descriptor);
        return server.Configure(options => options.SubjectTokenTypes.Add(TokenTypeIdentifiers.GenericJsonWebToken));
    }
}
