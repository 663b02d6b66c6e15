using System.Net;

namespace Marketpilot.Connectors.Ozon.Http;

/// <summary>
/// An Ozon call that failed as a whole: refused credentials, a status that retries did not clear, a body that is not the
/// documented JSON. The message names the API, the method and path and Ozon's own words, never a secret.
/// </summary>
public sealed class OzonApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with no secret in it.</param>
    /// <param name="statusCode">The HTTP status, when Ozon answered.</param>
    /// <param name="innerException">The cause.</param>
    public OzonApiException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>Creates the exception without details.</summary>
    public OzonApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public OzonApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public OzonApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status Ozon answered, or <see langword="null"/> when it did not answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether Ozon refused the shop's credentials (401, 403).</summary>
    public bool IsAuthenticationFailure => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>Whether Ozon refused this one request for good (400, 404, 409, 422): the request, not the call, is at fault.</summary>
    public bool IsPermanentRefusal => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;

    /// <summary>
    /// Whether the call may have changed the shop although it failed: no answer, a 5xx, or a 2xx body that could not be read.
    /// What a write did must then be read back from Ozon before it is sent again.
    /// </summary>
    public bool IsOutcomeUnknown => StatusCode is null || (int)StatusCode >= 500 || (int)StatusCode < 300;
}
