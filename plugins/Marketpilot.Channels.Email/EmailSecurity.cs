namespace Marketpilot.Channels.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum EmailSecurity
{
    /// <summary>Connect in clear text and require STARTTLS before anything is sent (submission, port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same machine or a trusted network; credentials are refused unless the host is loopback.</summary>
    None,
}
