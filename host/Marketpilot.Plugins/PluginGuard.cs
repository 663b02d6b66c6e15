using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Marketpilot.Plugins;

/// <summary>
/// One plugin's timeout, circuit breaker and secrets; every call into the plugin goes through <see cref="CallAsync"/>,
/// which scrubs the plugin's secrets from what the call throws before anything records or logs it.
/// </summary>
internal sealed partial class PluginGuard
{
    private readonly ResiliencePipeline _pipeline;
    private readonly Func<IEnumerable<string>> _secrets;
    private readonly PluginMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private string? _lastFailure;

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
        _metrics = metrics;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(options.CallTimeoutMilliseconds);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time, Name = $"plugin:{pluginId}" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(options.SamplingDurationMilliseconds),
                BreakDuration = TimeSpan.FromMilliseconds(options.BreakDurationMilliseconds),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && !IsCallerCancellation(ex, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    var until = time.GetUtcNow() + args.BreakDuration;
                    var reason = _lastFailure ?? args.Outcome.Exception?.Message ?? "repeated failures";
                    _metrics.Transition(PluginId, "open");
                    LogFaulted(PluginId, PluginVersion, reason, until);
                    onFaulted(reason, until);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    _metrics.Transition(PluginId, "half_open");
                    LogProbing(PluginId);
                    return default;
                },
                OnClosed = _ =>
                {
                    _metrics.Transition(PluginId, "closed");
                    LogRecovered(PluginId, PluginVersion);
                    onRecovered();
                    return default;
                },
            })
            .AddTimeout(_timeout)
            .Build();
    }

    public string PluginId { get; }

    public string PluginVersion { get; }

    /// <summary>The values of the plugin's secret settings (<see cref="SecretMask.IsSecretSetting"/>), read now.</summary>
    public IEnumerable<string> Secrets => _secrets();

    /// <summary>Masks the plugin's secret settings in <paramref name="text"/>.</summary>
    public string Scrub(string text) => SecretMask.Scrub(text, Secrets);

    /// <summary>
    /// Calls into the plugin with the timeout and the breaker; <paramref name="check"/> names what is wrong with a result,
    /// or returns null. An exception whose text holds a secret (<paramref name="scrub"/>, by default <see cref="Scrub"/>)
    /// is replaced by a <see cref="ScrubbedPluginException"/> before the breaker, the log or the caller sees it; masking
    /// secrets in the result is the caller's part, since only it knows the result's type.
    /// </summary>
    public async Task<T> CallAsync<T>(
        string operation, Func<CancellationToken, Task<T>> call, Func<T, string?> check, CancellationToken cancellationToken, Func<string, string>? scrub = null)
    {
        scrub ??= Scrub;
        lock (_gate)
        {
            _inFlight++;
        }

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
            throw new PluginFaultedException($"plugin '{PluginId}' is faulted ({_lastFailure ?? "repeated failures"}){until}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            _metrics.Call(PluginId, operation, "timeout");
            throw new TimeoutException($"plugin '{PluginId}' {operation} timed out after {_timeout.TotalMilliseconds} ms", ex);
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
            TaskCompletionSource? drained = null;
            lock (_gate)
            {
                if (--_inFlight == 0)
                {
                    drained = _drained;
                }
            }

            drained?.TrySetResult();
        }
    }

    /// <summary>Completes once no call is running in the plugin any more (calls that start later are not waited for).</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    // The exception's type name and its masked message, when its text (message, inner exceptions and stack trace:
    // everything a log line of it would print) holds a secret; the original is dropped with whatever it carried.
    private static ScrubbedPluginException? Scrubbed(Exception ex, Func<string, string> scrub) =>
        ex.ToString() is var text && scrub(text) != text ? new ScrubbedPluginException($"{ex.GetType().Name}: {scrub(ex.Message)}") : null;

    private static bool IsCallerCancellation(Exception ex, CancellationToken callerToken) =>
        ex is OperationCanceledException && callerToken.IsCancellationRequested;

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {Plugin} {Version} is faulted: {Reason}. The host stops calling it until {Until}")]
    private partial void LogFaulted(string plugin, string version, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} is faulted; trying one call to see whether it recovered")]
    private partial void LogProbing(string plugin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} {Version} recovered; calling it again")]
    private partial void LogRecovered(string plugin, string version);
}
