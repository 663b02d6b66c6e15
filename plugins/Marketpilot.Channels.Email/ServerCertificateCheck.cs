using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Marketpilot.Channels.Email;

/// <summary>
/// Validates the SMTP server's certificate for one session: the system's validation (trusted chain, name matches
/// the host) must pass, unless the certificate's SHA-256 thumbprint is pinned in
/// <see cref="EmailOptions.TrustedCertificateThumbprints"/>. Remembers why a certificate was refused.
/// </summary>
internal sealed class ServerCertificateCheck(string host, IReadOnlyCollection<string> pinnedThumbprints)
{
    /// <summary>Why the certificate was refused, naming the problem and its thumbprint; null when it was not refused.</summary>
    public string? Problem { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null)
        {
            Problem = "the server sent no certificate";
            return false;
        }

        var thumbprint = Thumbprint(certificate);
        if (pinnedThumbprints.Contains(thumbprint, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        Problem = $"the server's certificate ({certificate.Subject}, SHA-256 thumbprint {thumbprint}) is not trusted: {Describe(errors, chain)}";
        return false;
    }

    internal static string Thumbprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    private string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var problems = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problems.Add($"it is not issued for {host}");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus
                .Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : $"{s.Status} ({s.StatusInformation.Trim()})")
                .Distinct(StringComparer.Ordinal)
                .ToList();
            problems.Add(statuses is { Count: > 0 } ? $"its chain does not validate: {string.Join(", ", statuses)}" : "its chain does not validate");
        }

        return problems.Count > 0 ? string.Join("; ", problems) : errors.ToString();
    }
}
