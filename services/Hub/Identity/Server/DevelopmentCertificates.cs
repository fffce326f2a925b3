using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// A hub's self-signed development certificates (RSA 2048, two years), kept in the current user's certificate store
/// so that tokens survive restarts. Development only: production certificates come from configuration.
/// </summary>
internal static class DevelopmentCertificates
{
    private static readonly Lock Creating = new();

    public static X509Certificate2 LoadOrCreate(string subject, X509KeyUsageFlags usage)
    {
        lock (Creating)
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            var existing = store.Certificates
                .Find(X509FindType.FindBySubjectDistinguishedName, subject, validOnly: false)
                .Where(certificate => certificate.HasPrivateKey && certificate.NotAfter > DateTime.Now.AddDays(30))
                .OrderByDescending(certificate => certificate.NotAfter)
                .FirstOrDefault();
            if (existing is not null)
            {
                return existing;
            }

            using var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
            var persisted = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.Exportable);
            store.Add(persisted);
            return persisted;
        }
    }
}
