using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Federation.Portal.SignIn;

public static class PortalKeyRing
{
    /// <summary>
    /// The keys that protect session cookies, antiforgery tokens and pending sign-ins. Several portal replicas must
    /// share them, or each refuses the cookies of the others: DataProtection:KeysPath names a folder they all mount,
    /// and DataProtection:Certificate:Path (PKCS#12) encrypts the keys at rest there. Without a path the keys stay
    /// where ASP.NET keeps them by default, which suits one portal on one machine.
    /// </summary>
    public static WebApplicationBuilder AddPortalKeyRing(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("federation-portal");
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        if (builder.Configuration["DataProtection:Certificate:Path"] is { Length: > 0 } certificate)
        {
            protection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificate, builder.Configuration["DataProtection:Certificate:Password"], X509KeyStorageFlags.EphemeralKeySet));
        }

        return builder;
    }
}
