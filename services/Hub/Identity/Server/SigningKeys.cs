using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Identity.Server;

internal static class SigningKeys
{
    /// <summary>
    /// Certificates from configuration when any are listed (production, and rollover: all are published, the one
    /// valid longest signs). Otherwise, in Development only, a certificate of this hub's own made on first start:
    /// named per hub, because one named alike would be shared by every hub run by the same user on this machine.
    /// (OpenIddict's own development certificates are RSA 4096, whose signatures cost every API call about four
    /// times as much to check as RSA 2048, the usual size for RS256.)
    /// </summary>
    public static OpenIddictServerBuilder AddHubKeys(this OpenIddictServerBuilder server, IdentityOptions options, string hubId, bool isDevelopment)
    {
        if (options.SigningCertificates.Count == 0 || options.EncryptionCertificates.Count == 0)
        {
            if (!isDevelopment)
            {
                throw new InvalidOperationException(
                    "Identity:SigningCertificates and Identity:EncryptionCertificates must each list at least one PKCS#12 file outside Development.");
            }
        }

        if (options.SigningCertificates.Count == 0)
        {
            server.AddSigningCertificate(DevelopmentCertificates.LoadOrCreate($"CN=Federation hub {hubId} signing RSA-2048", X509KeyUsageFlags.DigitalSignature));
        }

        foreach (var file in options.SigningCertificates)
        {
            server.AddSigningCertificate(Load(file));
        }

        if (options.EncryptionCertificates.Count == 0)
        {
            server.AddEncryptionCertificate(DevelopmentCertificates.LoadOrCreate($"CN=Federation hub {hubId} encryption RSA-2048", X509KeyUsageFlags.KeyEncipherment));
        }

        foreach (var file in options.EncryptionCertificates)
        {
            server.AddEncryptionCertificate(Load(file));
        }

        return server;
    }

    private static X509Certificate2 Load(CertificateFile file) =>
        X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password, X509KeyStorageFlags.EphemeralKeySet);
}
