namespace Marketpilot.Connectors.Wildberries.Http;

/// <summary>
/// A call to Wildberries failed as a whole: unreachable, still failing after the retries, or an answer the connector cannot
/// read. The message names the host and method, never the token.
/// </summary>
public class WildberriesApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="innerException">The cause, if any.</param>
    public WildberriesApiException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Wildberries refused the shop's token (401, or 403 for a token without the needed category). Thrown from the whole
/// call: the host keeps the actions pending and retries once the seller renewed <c>Credentials:Token</c>.
/// </summary>
public sealed class WildberriesAuthorizationException : WildberriesApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and where; never the token.</param>
    public WildberriesAuthorizationException(string message)
        : base(message)
    {
    }
}
