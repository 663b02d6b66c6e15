using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketpilot.Emulators.Channels;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Sms;

/// <summary>
/// An HTTP SMS gateway on loopback with two request shapes a seller's provider may have: Twilio's Messages resource
/// (<c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, HTTP Basic auth with the account SID and auth token, a
/// form body <c>To</c>, <c>From</c>, <c>Body</c>; answered 201 or <c>{"code":…,"message":…,"status":…}</c> with Twilio's
/// error codes) and a plain JSON API (<c>POST /v1/messages</c>, <c>Authorization: Bearer &lt;auth token&gt;</c>,
/// <c>{"to","from","text"}</c>).
/// </summary>
/// <remarks>
/// Both check what a gateway checks: credentials (401), an E.164 <c>To</c>, a sender, a non-empty text of at most 1600
/// characters, and numbers that unsubscribed (400, Twilio's 21610). Besides <see cref="LoopbackEmulator.Faults"/>, a test
/// can queue answers for the next requests: 429 with <c>Retry-After</c>, 503, or no answer.
/// </remarks>
/// <param name="accountSid">The account the Twilio route serves.</param>
/// <param name="authToken">The secret both routes accept.</param>
public sealed partial class SmsGatewayEmulator(string accountSid, string authToken) : MessageGatewayEmulator<SmsGatewayMessage>
{
    /// <summary>The Twilio-shaped route, relative to <see cref="LoopbackEmulator.BaseAddress"/>; <c>{AccountSid}</c> stands for the account.</summary>
    public const string TwilioMessagesPath = "2010-04-01/Accounts/{AccountSid}/Messages.json";

    /// <summary>The JSON route, relative to <see cref="LoopbackEmulator.BaseAddress"/>.</summary>
    public const string JsonMessagesPath = "v1/messages";

    /// <summary>The longest text Twilio takes.</summary>
    public const int MaxTextLength = 1600;

    /// <summary>Numbers that replied STOP: an SMS to them is refused (400, code 21610).</summary>
    public ConcurrentDictionary<string, bool> Unsubscribed { get; } = new(StringComparer.Ordinal);

    /// <summary>The Twilio route's full address.</summary>
    public Uri TwilioMessagesUrl => new(BaseAddress, TwilioMessagesPath.Replace("{AccountSid}", accountSid, StringComparison.Ordinal));

    /// <summary>The JSON route's full address.</summary>
    public Uri JsonMessagesUrl => new(BaseAddress, JsonMessagesPath);

    /// <summary>The messages accepted for one number.</summary>
    /// <param name="to">The E.164 number.</param>
    /// <returns>Its messages, in order.</returns>
    public IReadOnlyList<SmsGatewayMessage> MessagesTo(string to) => [.. Messages.Where(m => m.To == to)];

    /// <summary>Answers the next <paramref name="count"/> requests 429 with <c>Retry-After</c>.</summary>
    /// <param name="retryAfterSeconds">The seconds to wait.</param>
    /// <param name="count">How many requests.</param>
    public void TooManyRequestsNext(int retryAfterSeconds, int count = 1) => Enqueue(count, context =>
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ErrorAsync(context, 429, 20429, "Too Many Requests");
    });

    /// <summary>Answers the next <paramref name="count"/> requests 503.</summary>
    /// <param name="count">How many requests.</param>
    public void ServiceUnavailableNext(int count = 1) => Enqueue(count, context => ErrorAsync(context, 503, 20503, "Service Unavailable"));

    /// <summary>Answers the next <paramref name="count"/> requests 200 with an error in the body, as some gateways refuse (nothing is sent).</summary>
    /// <param name="error">The error text.</param>
    /// <param name="count">How many requests.</param>
    public void ErrorIn200Next(string error, int count = 1) => Enqueue(count, context => context.Response.WriteAsJsonAsync(new { error, error_code = 3 }));

    /// <inheritdoc />
    protected override void MapRoutes(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", HandleTwilioAsync);
        app.MapPost("/" + JsonMessagesPath, HandleJsonAsync);
    }

    // True when the request was answered already (a queued answer, or bad credentials).
    private async Task<bool> AnsweredBeforeRouteAsync(HttpContext context, bool authorized)
    {
        CountRequest();
        if (!authorized)
        {
            await ErrorAsync(context, 401, 20003, "Authenticate").ConfigureAwait(false);
            return true;
        }

        return await TryAnswerQueuedAsync(context).ConfigureAwait(false);
    }

    private async Task HandleTwilioAsync(HttpContext context)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}"));
        var authorized = context.Request.RouteValues["sid"] as string == accountSid && context.Request.Headers.Authorization == basic;
        if (await AnsweredBeforeRouteAsync(context, authorized).ConfigureAwait(false))
        {
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, 20001, "The Messages resource takes an application/x-www-form-urlencoded body").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        await AcceptAsync(context, TwilioMessagesPath, form["To"].ToString(), form["From"].ToString(), form["Body"].ToString()).ConfigureAwait(false);
    }

    private async Task HandleJsonAsync(HttpContext context)
    {
        // Like many gateways, this one repeats the key it was given when it refuses it: the channel must mask it.
        var given = context.Request.Headers.Authorization.ToString();
        if (given != $"Bearer {authToken}")
        {
            CountRequest();
            await ErrorAsync(context, 401, 20003, $"Invalid credentials '{given}'").ConfigureAwait(false);
            return;
        }

        if (await AnsweredBeforeRouteAsync(context, authorized: true).ConfigureAwait(false))
        {
            return;
        }

        string? to = null, from = null, text = null;
        try
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            to = StringProperty(json.RootElement, "to");
            from = StringProperty(json.RootElement, "from");
            text = StringProperty(json.RootElement, "text");
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, 400, 20001, $"The body is not JSON: {ex.Message}").ConfigureAwait(false);
            return;
        }

        await AcceptAsync(context, JsonMessagesPath, to ?? "", from ?? "", text ?? "").ConfigureAwait(false);
    }

    private async Task AcceptAsync(HttpContext context, string route, string to, string from, string text)
    {
        var refusal = to.Length == 0 ? (21604, "A 'To' phone number is required.")
            : !E164().IsMatch(to) ? (21211, $"Invalid 'To' Phone Number: {to}")
            : from.Length == 0 ? (21603, "A 'From' phone number is required.")
            : text.Length == 0 ? (21602, "Message body is required.")
            : text.Length > MaxTextLength ? (21617, "The concatenated message body exceeds the 1600 character limit.")
            : Unsubscribed.ContainsKey(to) ? (21610, "Attempt to send to unsubscribed recipient")
            : ((int Code, string Message)?)null;
        if (refusal is { } problem)
        {
            await ErrorAsync(context, 400, problem.Code, problem.Message).ConfigureAwait(false);
            return;
        }

        var message = Record(n => new SmsGatewayMessage($"SM{n:D32}", route, to, from, text, context.Request.Headers["Idempotency-Key"].FirstOrDefault()));

        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new { sid = message.Id, status = "queued", to, from, body = text }).ConfigureAwait(false);
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status });
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
