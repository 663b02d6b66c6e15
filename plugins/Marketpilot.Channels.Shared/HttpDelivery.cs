using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketpilot.Channels.Shared;

/// <summary>
/// Sends one HTTP request for a channel: bounds each attempt and the whole call, retries with exponential backoff or the
/// wait the server asks for, and never lets a secret reach a log line or a reason (<paramref name="mask"/> is applied to
/// everything the transport reports).
/// </summary>
/// <remarks>
/// A message is not idempotent: a request the server may have acted on is sent again only when the policy says so
/// (<see cref="HttpRetryPolicy.ResendUnconfirmed"/>). Retried always: a connection that was never made, and an answer
/// <paramref name="judge"/> calls <see cref="ReplyVerdict.Refused"/> (429, 503, …) when it is transient. A timeout, a
/// connection broken after sending, or an <see cref="ReplyVerdict.Unclear"/> answer ends the call with
/// <see cref="HttpOutcome.Unconfirmed"/> set.
/// </remarks>
/// <param name="channel">The channel's name, for logs.</param>
/// <param name="policy">Timeouts and retries.</param>
/// <param name="time">The clock the waits run on.</param>
/// <param name="logger">Where retries are logged.</param>
/// <param name="mask">Removes secrets from a text (a token in a URL, a header value).</param>
/// <param name="delayHint">Reads the wait a reply asks for; the default takes <see cref="HttpReply.RetryAfter"/>.</param>
/// <param name="judge">Says whether a reply shows the server acted on the request; the default is <see cref="ReplyVerdicts.ByStatus"/>.</param>
internal sealed partial class HttpDelivery(
    string channel,
    HttpRetryPolicy policy,
    TimeProvider time,
    ILogger logger,
    Func<string, string> mask,
    Func<HttpReply, TimeSpan?>? delayHint = null,
    Func<HttpReply, ReplyVerdict>? judge = null)
    : IDisposable
{
    public const int MaxBodyLength = 64 * 1024;

    private static readonly ResiliencePropertyKey<string> TargetKey = new("channel.target");

    // Redirects are not followed: a POST turned into a GET loses its body. Pooled connections are recycled for DNS changes.
    private readonly HttpClient _http = new(
        new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) },
        disposeHandler: true)
    {
        Timeout = Timeout.InfiniteTimeSpan, // the pipeline's timeouts govern
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("Marketpilot", "0.1") } },
    };

    private ResiliencePipeline<HttpReply>? _pipeline;

    /// <summary>Sends the request <paramref name="createRequest"/> makes (once per attempt) and returns the last reply or why there was none.</summary>
    /// <param name="createRequest">Makes a fresh request; called once per attempt.</param>
    /// <param name="target">What the request is for, for logs (no secrets, no full phone numbers).</param>
    /// <param name="cancellationToken">The host's token; its cancellation is thrown as <see cref="OperationCanceledException"/>.</param>
    public async Task<HttpOutcome> SendAsync(Func<HttpRequestMessage> createRequest, string target, CancellationToken cancellationToken)
    {
        _pipeline ??= BuildPipeline();
        var attempts = new AttemptLog();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TargetKey, target);
        try
        {
            var reply = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    state.attempts.Count++;
                    state.attempts.Unconfirmed = true; // from here on the request may reach the server
                    using var request = state.createRequest();
                    HttpReply reply;
                    try
                    {
                        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                        reply = await ReadAsync(response, ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (HttpRequestException ex) when (NeverSent(ex))
                    {
                        state.attempts.Unconfirmed = false;
                        throw;
                    }

                    state.attempts.Unconfirmed = Judge(reply) == ReplyVerdict.Unclear;
                    return reply;
                },
                context,
                (createRequest, attempts)).ConfigureAwait(false);
            return new HttpOutcome(reply, null, attempts.Count, attempts.Unconfirmed);
        }
        catch (TimeoutRejectedException ex) when (ex.Timeout == TimeSpan.FromMilliseconds(policy.DeadlineMilliseconds))
        {
            return new HttpOutcome(null, $"no delivery within the {policy.DeadlineMilliseconds} ms deadline ({attempts.Count} attempts)", attempts.Count, attempts.Unconfirmed);
        }
        catch (TimeoutRejectedException)
        {
            return new HttpOutcome(null, $"no answer within {policy.TimeoutMilliseconds} ms after {attempts.Count} attempts", attempts.Count, attempts.Unconfirmed);
        }
        catch (HttpRequestException ex)
        {
            var what = attempts.Unconfirmed ? "lost the connection to the server" : "could not reach the server";
            return new HttpOutcome(null, $"{what} after {attempts.Count} attempts: {mask(ex.Message)}", attempts.Count, attempts.Unconfirmed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else the transport throws (a URI it cannot use, a header it refuses) may quote the request; the host
            // logs what a channel throws, so only a masked copy leaves, without the original as inner exception.
            throw new InvalidOperationException($"{channel}: the request to {target} failed with {ex.GetType().Name}: {mask(ex.Message)}");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpReply> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxBodyLength];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        return new HttpReply((int)response.StatusCode, response.ReasonPhrase, new string(buffer, 0, length), retryAfter);
    }

    // A request that failed before a connection carried it: no name, no connection, no TLS, no proxy tunnel.
    private static bool NeverSent(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private TimeSpan? DelayOf(HttpReply reply) => delayHint is null ? reply.RetryAfter : delayHint(reply);

    private ReplyVerdict Judge(HttpReply reply) => judge is null ? ReplyVerdicts.ByStatus(reply) : judge(reply);

    private ResiliencePipeline<HttpReply> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpReply> { TimeProvider = time };

        // Outermost: the whole call, waits included, ends before the host abandons it.
        builder.AddTimeout(TimeSpan.FromMilliseconds(policy.DeadlineMilliseconds));
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpReply>
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(policy.RetryDelayMilliseconds),
                MaxDelay = policy.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } reply ? DelayOf(reply) : null),
                OnRetry = args =>
                {
                    var target = args.Context.Properties.GetValue(TargetKey, "?");
                    var why = args.Outcome.Result is { } reply ? reply.Status : args.Outcome.Exception?.GetType().Name ?? "?";
                    LogRetrying(logger, channel, target, why, args.AttemptNumber + 2, args.RetryDelay);
                    return default;
                },
            });
        }

        // Innermost: each attempt has its own budget.
        builder.AddTimeout(TimeSpan.FromMilliseconds(policy.TimeoutMilliseconds));
        return builder.Build();
    }

    // What the server may have acted on is sent again only when the policy prefers a repeat over a loss.
    private bool ShouldRetry(Outcome<HttpReply> outcome) => outcome switch
    {
        { Exception: HttpRequestException ex } => NeverSent(ex) || policy.ResendUnconfirmed,
        { Exception: TimeoutRejectedException } => policy.ResendUnconfirmed,
        { Result: { } reply } => reply.IsTransient && !(DelayOf(reply) > policy.MaxRetryAfter)
            && (policy.ResendUnconfirmed || Judge(reply) == ReplyVerdict.Refused),
        _ => false,
    };

    /// <summary>How many requests one call sent, and whether the last may have been acted on unconfirmed.</summary>
    private sealed class AttemptLog
    {
        public int Count;
        public bool Unconfirmed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} could not deliver to {Target} ({Reason}); attempt {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string channel, string target, string reason, int attempt, TimeSpan delay);
}
