using System.Net.Http.Headers;
using System.Text;
using Marketpilot.Channels.Shared;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Sms;

/// <summary>Sends each notification as an SMS, through the configured HTTP gateway, to the numbers of its recipient role.</summary>
/// <remarks>
/// One request per number. The channel remembers each SMS it delivered (<see cref="DeliveredKeys"/>: the notification's
/// key and the number), so a notification the host sends again reaches each number once; the gateway also gets that key
/// (<see cref="SmsOptions.IdempotencyHeader"/>, <c>{key}</c>) to drop repeats of its own. A 2xx is delivered; 408, 429 and
/// 503 are retried within the call's deadline, then left to the host; no answer and any other 5xx may mean the gateway took
/// the SMS, so they are sent again only with <see cref="HttpChannelOptions.ResendUnconfirmed"/> (a gateway that drops
/// repeats of <c>{key}</c> makes that safe); any other answer is rejected with the gateway's words. Header values and the endpoint's query are secrets: masked in every reason, never logged.
/// </remarks>
internal sealed class SmsChannel : HttpChannel
{
    private const int MaxReasonBody = 300;

    private readonly SmsOptions _options;
    private readonly string[] _secrets;
    private readonly Func<string, string> _encodeBody;

    public SmsChannel(SmsOptions options, DeliveredKeys delivered, TimeProvider time, ILogger<SmsChannel>? logger)
        : base("sms", options.Retry, delivered, time, logger)
    {
        _options = options;
        _secrets = Secrets(options);
        _encodeBody = SmsTemplate.BodyEncoder(options.ContentType);
    }

    public override Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        RoleDelivery.SendToEachAsync(notification, _options.Phones, "phone number", phone => SendSmsAsync(notification, phone, cancellationToken), Hide);

    private Dictionary<string, string> Values(Notification notification, string phone, string text) => new(StringComparer.Ordinal)
    {
        ["sender"] = _options.Sender,
        ["phone"] = phone,
        ["phoneDigits"] = phone.TrimStart('+'),
        ["text"] = text,
        ["key"] = $"{notification.IdempotencyKey}:{phone.TrimStart('+')}",
        ["notification"] = notification.IdempotencyKey,
        ["role"] = notification.Recipient,
        ["sku"] = notification.Sku.Sku,
    };

    private Task<DeliveryResult> SendSmsAsync(Notification notification, string phone, CancellationToken cancellationToken)
    {
        var values = Values(notification, phone, SmsText.Fit(notification.Message, _options.MaxSegments).Text);
        return Delivered.SendOnceAsync(values["key"], () => SendRequestAsync(() => CreateRequest(values), Hide(phone), Classify, cancellationToken), cancellationToken);
    }

    private HttpRequestMessage CreateRequest(IReadOnlyDictionary<string, string> values)
    {
        var url = SmsTemplate.Render(_options.Endpoint!.OriginalString, values, Uri.EscapeDataString);
        var request = new HttpRequestMessage(new HttpMethod(_options.Method), url);
        if (_options.SendsBody)
        {
            var content = new StringContent(SmsTemplate.Render(_options.BodyTemplate!, values, _encodeBody), Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(_options.ContentType);
            content.Headers.ContentType.CharSet ??= "utf-8";
            request.Content = content;
        }

        // Placeholders in a header are URL-encoded: a line break in a message must not start a header of its own.
        foreach (var (name, template) in _options.Headers)
        {
            var value = SmsTemplate.Render(template, values, Uri.EscapeDataString);
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (_options.IdempotencyHeader.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(_options.IdempotencyHeader, values["key"]);
        }

        return request;
    }

    private DeliveryResult Classify(HttpOutcome outcome)
    {
        if (outcome.Reply is not { } reply)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, outcome.Failure);
        }

        var says = Excerpt(reply.Body);
        if (reply.IsSuccess)
        {
            return _options.ErrorBodyContains.Length > 0 && reply.Body.Contains(_options.ErrorBodyContains, StringComparison.OrdinalIgnoreCase)
                ? new DeliveryResult(DeliveryStatus.Rejected, $"the gateway answered {reply.Status} but reports an error{says}")
                : DeliveryResult.Delivered;
        }

        if (reply.IsTransient)
        {
            return new DeliveryResult(
                DeliveryStatus.RetryableFailure,
                reply.RetryAfter > _options.Retry.MaxRetryAfter
                    ? $"the gateway answered {reply.Status} and asked to retry after {reply.RetryAfter.Value.TotalSeconds:0} s{says}"
                    : $"the gateway answered {reply.Status} after {outcome.Attempts} attempts{says}");
        }

        // 4xx other than 408/429, and 3xx (redirects are not followed): the same request will not pass later.
        return new DeliveryResult(DeliveryStatus.Rejected, $"the gateway refused the SMS: {reply.Status}{says}");
    }

    private string Excerpt(string body)
    {
        var text = Mask(string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return text.Length == 0 ? "" : $" ({(text.Length <= MaxReasonBody ? text : string.Concat(text.AsSpan(0, MaxReasonBody), "…"))})";
    }

    protected override string Mask(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    // Header values (and the credential after "Basic "/"Bearer "), the endpoint's user info and query values.
    private static string[] Secrets(SmsOptions options)
    {
        var endpoint = options.Endpoint!;
        var query = endpoint.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2) is [_, var value] ? Uri.UnescapeDataString(value) : "");
        return [.. options.Headers.Values
            .SelectMany(v => new[] { v, v.Split(' ', 2) is [_, var credential] ? credential : "" })
            .Concat(query)
            .Append(Uri.UnescapeDataString(endpoint.UserInfo))
            .Where(s => s.Length >= 4 && !s.Contains('{', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
    }

    // Logs and reasons name a number by its country code and last digits only.
    private static string Hide(string phone) => phone.Length <= 7 ? phone : $"{phone[..3]}…{phone[^3..]}";
}
