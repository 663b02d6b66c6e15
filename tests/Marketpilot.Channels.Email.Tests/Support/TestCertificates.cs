using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Marketpilot.Channels.Email.Tests.Support;

/// <summary>Self-signed server certificates made in the test, never installed in any store.</summary>
public static class TestCertificates
{
    /// <summary>A certificate for <c>localhost</c> and 127.0.0.1: right names, but no system trusts its issuer.</summary>
    public static X509Certificate2 Localhost { get; } = Create("localhost");

    /// <summary>Another certificate for the same names: a pin for <see cref="Localhost"/> must not trust it.</summary>
    public static X509Certificate2 Impostor { get; } = Create("localhost");

    /// <summary>The SHA-256 thumbprint, upper-case hex, as an operator would copy it.</summary>
    public static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static X509Certificate2 Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
