using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketpilot.Sdk.Connectors;

namespace MyCompany.Channels.Acme;

/// <summary>
/// Posts a notification as JSON (<c>key</c>, <c>sku</c>, <c>recipient</c>, <c>message</c>) with its idempotency key in the
/// <c>Idempotency-Key</c> header, so the receiver can drop a repeat. Replace the post with your provider's API.
/// </summary>
public sealed class HttpPostChannel : INotificationChannel, IDisposable
{
    private readonly Uri _endpoint;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Creates the channel; sends nothing.</summary>
    /// <param name="endpoint">Where notifications are posted.</param>
    /// <param name="token">A bearer token sent with each post; <see langword="null"/> for none. Never logged.</param>
    public HttpPostChannel(Uri endpoint, string? token)
    {
        _endpoint = endpoint;
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <inheritdoc />
    public string Name => "acme-channel";

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(notification.IdempotencyKey) || string.IsNullOrWhiteSpace(notification.Recipient) || string.IsNullOrWhiteSpace(notification.Message))
        {
            return new DeliveryResult(DeliveryStatus.Rejected, "a notification needs an idempotency key, a recipient and a message");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = JsonContent.Create(new { key = notification.IdempotencyKey, sku = notification.Sku.ToString(), recipient = notification.Recipient, message = notification.Message }),
        };
        request.Headers.Add("Idempotency-Key", notification.IdempotencyKey);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? DeliveryResult.Delivered
                : response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
                    ? new DeliveryResult(DeliveryStatus.RetryableFailure, $"the endpoint answered {(int)response.StatusCode}")
                    : new DeliveryResult(DeliveryStatus.Rejected, $"the endpoint answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"the endpoint could not be reached ({ex.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, "the endpoint did not answer in time");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
