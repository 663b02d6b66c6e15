using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Marketpilot.Plugins;

/// <summary>
/// One plugin's timeout, circuit breaker and secrets; every call into the plugin goes through <see cref="CallAsync"/>,
/// which scrubs the plugin's secrets from what the call throws before anything records or logs it. Each configured
/// shop's connector calls through a guard of its own (<see cref="ForShop"/>): the same deadline and thresholds, but its
/// own breaker, so one shop whose account is broken never stops the plugin's other shops.
/// </summary>
internal sealed partial class PluginGuard
{
    private readonly ResiliencePipeline _pipeline;
    private readonly Func<IEnumerable<string>> _secrets;
    private readonly PluginRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly PluginMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly InFlightCalls _calls;
    private string? _lastFailure;
    private BreakerState _breaker = BreakerState.Closed;

    public PluginGuard(
        string pluginId,
        string pluginVersion,
        PluginRuntimeOptions options,
        TimeProvider time,
        PluginMetrics metrics,
        ILogger logger,
        Action<string, DateTimeOffset> onFaulted,
        Action onRecovered,
        Func<IEnumerable<string>> secrets)
    {
        PluginId = pluginId;
        PluginVersion = pluginVersion;
        _secrets = secrets;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _calls = new InFlightCalls();
        _timeout = TimeSpan.FromMilliseconds(options.CallTimeoutMilliseconds);
        _pipeline = BuildPipeline(onFaulted, onRecovered);
    }

    // A shop's guard (ForShop): everything of the plugin's guard but the breaker, and the shop's credentials to mask.
    private PluginGuard(PluginGuard plugin, string shop, IReadOnlyList<string> credentials)
    {
        PluginId = plugin.PluginId;
        PluginVersion = plugin.PluginVersion;
        Shop = shop;
        // One list with the plugin's secrets, so a secret that contains another is masked whole whichever set it comes from.
        _secrets = () => credentials.Concat(plugin._secrets());
        _options = plugin._options;
        _time = plugin._time;
        _metrics = plugin._metrics;
        _logger = plugin._logger;
        _calls = plugin._calls;
        _timeout = plugin._timeout;
        _pipeline = BuildPipeline(static (_, _) => { }, static () => { });
    }

    private ResiliencePipeline BuildPipeline(Action<string, DateTimeOffset> onFaulted, Action onRecovered) =>
        new ResiliencePipelineBuilder { TimeProvider = _time, Name = Shop is null ? $"plugin:{PluginId}" : $"plugin:{PluginId}:shop:{Shop}" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = _options.FailureRatio,
                MinimumThroughput = _options.MinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(_options.SamplingDurationMilliseconds),
                BreakDuration = TimeSpan.FromMilliseconds(_options.BreakDurationMilliseconds),
                // A marketplace that asked for a pause has not failed: the caller's backoff sits it out.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex and not MarketplaceRateLimitedException && !IsCallerCancellation(ex, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    Opened(args.BreakDuration, args.Outcome.Exception, onFaulted);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    HalfOpened();
                    return default;
                },
                OnClosed = _ =>
                {
                    Closed(onRecovered);
                    return default;
                },
            })
            .AddTimeout(_timeout)
            .Build();

    public string PluginId { get; }

    public string PluginVersion { get; }

    /// <summary>The shop (<see cref="Shops.ShopDefinition.Key"/>) this guard's breaker is for; <see langword="null"/> for the plugin's own guard.</summary>
    public string? Shop { get; }

    /// <summary>Where this guard's breaker stands now.</summary>
    public BreakerState Breaker => Volatile.Read(ref _breaker);

    /// <summary>
    /// Masks the values of the plugin's secret settings (<see cref="SecretMask.IsSecretSetting"/>, read now) and, in a
    /// shop's guard, the shop's credentials in <paramref name="text"/>.
    /// </summary>
    public string Scrub(string text) => SecretMask.Scrub(text, _secrets());

    // What the errors of this guard are about: the plugin, or the plugin serving one shop.
    private string Subject => Shop is null ? $"plugin '{PluginId}'" : $"plugin '{PluginId}' for shop {Shop}";

    /// <summary>
    /// A guard for one shop's connector: a breaker of its own with the same thresholds, the same deadline, the plugin's
    /// in-flight count (a shop's call holds off the plugin's unload like any other), and the shop's
    /// <paramref name="credentials"/> masked with the plugin's secrets. Its breaker opening leaves the plugin loaded.
    /// </summary>
    /// <param name="shop">The shop's key, <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.</param>
    /// <param name="credentials">The values of the shop's credentials.</param>
    public PluginGuard ForShop(string shop, IEnumerable<string> credentials) => new(this, shop, [.. credentials]);

    /// <summary>
    /// Calls into the plugin with the timeout and the breaker; <paramref name="check"/> names what is wrong with a result,
    /// or returns null. An exception whose text holds a secret (<paramref name="scrub"/>, by default <see cref="Scrub"/>)
    /// is replaced by a <see cref="ScrubbedPluginException"/> before the breaker, the log or the caller sees it; masking
    /// secrets in the result is the caller's part, since only it knows the result's type. A
    /// <see cref="MarketplaceRateLimitedException"/> reaches the caller as one (its message masked), and counts
    /// against no breaker.
    /// </summary>
    public async Task<T> CallAsync<T>(
        string operation, Func<CancellationToken, Task<T>> call, Func<T, string?> check, CancellationToken cancellationToken, Func<string, string>? scrub = null)
    {
        scrub ??= Scrub;
        _calls.Enter();

        try
        {
            var result = await _pipeline.ExecuteAsync(
                async token =>
                {
                    T value;
                    try
                    {
                        // WaitAsync also ends the wait for a plugin that ignores its token and never completes.
                        value = await call(token).WaitAsync(token).ConfigureAwait(false);
                    }
                    catch (MarketplaceRateLimitedException limited) when (Scrubbed(limited, scrub) is { } scrubbed)
                    {
                        throw scrubbed;
                    }
                    catch (MarketplaceRateLimitedException)
                    {
                        throw;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && Scrubbed(ex, scrub) is { } scrubbed)
                    {
                        _lastFailure = $"{operation} threw {scrubbed.GetType().Name}: {scrubbed.Message}";
                        throw scrubbed;
                    }
                    catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
                    {
                        _lastFailure = token.IsCancellationRequested && ex is OperationCanceledException
                            ? $"{operation} timed out after {_timeout.TotalMilliseconds} ms"
                            : $"{operation} threw {ex.GetType().Name}: {ex.Message}";
                        throw;
                    }

                    if (check(value) is { } garbage)
                    {
                        _lastFailure = $"{operation} {garbage}";
                        throw new PluginResultException($"Plugin '{PluginId}' {garbage}.");
                    }

                    return value;
                },
                cancellationToken).ConfigureAwait(false);
            _metrics.Call(PluginId, operation, "success");
            return result;
        }
        catch (BrokenCircuitException ex)
        {
            _metrics.Call(PluginId, operation, "rejected_faulted");
            var until = ex.RetryAfter is { } after ? $"; the host tries it again in {after.TotalSeconds:0.#} s" : "";
            var state = Shop is null ? "is faulted" : "is suspended (its breaker is open)";
            throw new PluginFaultedException($"{Subject} {state} ({_lastFailure ?? "repeated failures"}){until}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            _metrics.Call(PluginId, operation, "timeout");
            throw new TimeoutException($"{Subject} {operation} timed out after {_timeout.TotalMilliseconds} ms", ex);
        }
        catch (MarketplaceRateLimitedException)
        {
            _metrics.Call(PluginId, operation, "rate_limited");
            throw;
        }
        catch (PluginResultException)
        {
            _metrics.Call(PluginId, operation, "invalid_result");
            throw;
        }
        catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
        {
            _metrics.Call(PluginId, operation, "failure");
            throw;
        }
        finally
        {
            _calls.Exit();
        }
    }

    /// <summary>
    /// Completes once no call is running in the plugin any more, through this guard or a shop's guard made from it
    /// (calls that start later are not waited for).
    /// </summary>
    public Task DrainAsync() => _calls.DrainAsync();

    // The exception's type name and its masked message, when its text (message, inner exceptions and stack trace:
    // everything a log line of it would print) holds a secret; the original is dropped with whatever it carried. A
    // rate limit keeps its type and wait, which the host's backoff reads.
    private static Exception? Scrubbed(Exception ex, Func<string, string> scrub) =>
        ex.ToString() is var text && scrub(text) == text ? null
        : ex is MarketplaceRateLimitedException limited ? new MarketplaceRateLimitedException(scrub(limited.Message), limited.RetryAfter)
        : new ScrubbedPluginException($"{ex.GetType().Name}: {scrub(ex.Message)}");

    private static bool IsCallerCancellation(Exception ex, CancellationToken callerToken) =>
        ex is OperationCanceledException && callerToken.IsCancellationRequested;
}
