using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marketpilot.Connectors.Shared;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Marketpilot.Connectors.Wildberries.Http;

/// <summary>
/// Sends one shop's requests to Wildberries: the token in <c>Authorization</c>, a token from the method group's bucket
/// before each attempt, retries and timeouts, and every answer's text cleared of the token before anyone reads it.
/// </summary>
/// <remarks>Thread-safe. Throws <see cref="WildberriesAuthorizationException"/> on 401/403 and <see cref="WildberriesApiException"/>
/// when a request still fails after the retries; returns every other answer for the caller to interpret.</remarks>
internal sealed partial class WildberriesApi : IAsyncDisposable
{
    /// <summary>The longest answer read: the largest is a day of the sales report (up to ~80,000 rows); anything far beyond is not WB.</summary>
    public const long MaxResponseBytes = 256L * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string _token;
    private readonly WildberriesRateLimits _limits;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly ILogger _logger;
    private readonly string _shop;

    public WildberriesApi(HttpClient http, string token, WildberriesRateLimits limits, TimeSpan attemptTimeout, TimeProvider time, ILogger logger, string shop)
    {
        _http = http;
        _token = token;
        _limits = limits;
        _logger = logger;
        _shop = shop;
        _retry = WildberriesResilience.Retry(time, retry => LogRetry(_logger, _shop, retry.Attempt, retry.Delay.TotalMilliseconds, retry.Cause));
        _attemptTimeout = WildberriesResilience.AttemptTimeout(attemptTimeout, time);
    }

    public Task<ApiResponse> GetAsync(WildberriesMethodGroup group, Uri baseUrl, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(group, HttpMethod.Get, baseUrl, pathAndQuery, body: null, cancellationToken);

    public Task<ApiResponse> PostAsync(WildberriesMethodGroup group, Uri baseUrl, string pathAndQuery, object body, CancellationToken cancellationToken) =>
        SendAsync(group, HttpMethod.Post, baseUrl, pathAndQuery, body, cancellationToken);

    public Task<ApiResponse> PatchAsync(WildberriesMethodGroup group, Uri baseUrl, string pathAndQuery, object body, CancellationToken cancellationToken) =>
        SendAsync(group, HttpMethod.Patch, baseUrl, pathAndQuery, body, cancellationToken);

    public async Task<ApiResponse> SendAsync(WildberriesMethodGroup group, HttpMethod method, Uri baseUrl, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var endpoint = $"{method} {baseUrl.Host}{PathOnly(pathAndQuery)}";
        var json = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), WildberriesJson.Options);
        using var call = MarketplaceRetryAfter.BeginCall();
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(
                async token =>
                {
                    await _limits.AcquireAsync(group, endpoint, token).ConfigureAwait(false);
                    return await _attemptTimeout.ExecuteAsync(
                        async attempt =>
                        {
                            using var request = new HttpRequestMessage(method, new Uri(baseUrl, pathAndQuery.TrimStart('/')));
                            request.Headers.TryAddWithoutValidation("Authorization", _token);
                            if (json is not null)
                            {
                                request.Content = new ByteArrayContent(json);
                                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                            }

                            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt).ConfigureAwait(false);
                        },
                        token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException ex) when (MarketplaceHttp.IsTooLarge(ex))
        {
            throw new WildberriesApiException($"Wildberries {endpoint} failed: {MarketplaceHttp.Describe(ex, MaxResponseBytes)}.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw new WildberriesApiException($"Wildberries {endpoint} failed after {WildberriesResilience.MaxRetryAttempts + 1} attempts: {Redact(ex.Message)}", ex);
        }

        using (response)
        {
            var text = Redact(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var answer = new ApiResponse(response.StatusCode, text, endpoint);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                LogRefused(_logger, _shop, endpoint, (int)response.StatusCode);
                throw new WildberriesAuthorizationException(
                    $"Wildberries refused the shop's token ({(int)response.StatusCode} on {endpoint}: {answer.ErrorText()}). Renew Credentials:{WildberriesSettings.TokenKey} (a token with the categories this connector uses); the actions stay pending.");
            }

            if (WildberriesResilience.AskedDelay(response) is { } wait && !MarketplaceRetryAfter.IsWaitedOut(wait))
            {
                throw new MarketplaceRateLimitedException(
                    $"Wildberries {endpoint} answered {(int)response.StatusCode} and asked to wait {wait.TotalSeconds:0} s, longer than the connector still waits within this call; the host tries again later.",
                    wait);
            }

            if (MarketplaceHttp.DescribeRedirect(response) is { } redirect)
            {
                throw new WildberriesApiException($"Wildberries {endpoint} answered {(int)response.StatusCode}: {redirect}.");
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new WildberriesApiException($"Wildberries {endpoint} still answered {(int)response.StatusCode} after {WildberriesResilience.MaxRetryAttempts + 1} attempts: {answer.ErrorText()}");
            }

            return answer;
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return _limits.DisposeAsync();
    }

    // WB's error bodies are not known to echo the token, but a message that ever did must not carry it further.
    private string Redact(string text) => text.Contains(_token, StringComparison.Ordinal) ? text.Replace(_token, "***", StringComparison.Ordinal) : text;

    private static string PathOnly(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        return path.StartsWith('/') ? path : "/" + path;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wildberries shop {Shop}: retrying a request (attempt {Attempt}) in {DelayMilliseconds} ms after {Cause}")]
    private static partial void LogRetry(ILogger logger, string shop, int attempt, double delayMilliseconds, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Wildberries shop {Shop}: {Endpoint} refused the token with {Status}; renew the shop's Credentials:Token")]
    private static partial void LogRefused(ILogger logger, string shop, string endpoint, int status);
}
