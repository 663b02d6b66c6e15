namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>
/// A whole call to Kaspi's merchant API failed: the API stayed unreachable or overloaded through every retry, refused
/// the request, or answered something that is not the documented JSON:API document. The host retries the call later.
/// </summary>
/// <remarks>The message names the shop, the method and what went wrong; it never carries the token.</remarks>
public class KaspiApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public KaspiApiException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Kaspi refused the shop's <c>X-Auth-Token</c> (401 or 403): it expired, was revoked or is wrong.</summary>
public sealed class KaspiAuthenticationException : KaspiApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which shop, and what to do; never the token.</param>
    public KaspiAuthenticationException(string message)
        : base(message)
    {
    }
}
