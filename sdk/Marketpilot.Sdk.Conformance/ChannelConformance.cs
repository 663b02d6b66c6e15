using System.Globalization;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;

namespace Marketpilot.Sdk.Conformance;

/// <summary>
/// Exercises an <see cref="INotificationChannel"/> against its contract and reports each check by name
/// (<see cref="ConformanceCheckNames.Channel"/>). Framework-neutral: the TestKit's <c>ChannelConformanceTests</c> and
/// <c>marketpilot plugins verify</c> run the same checks.
/// </summary>
/// <remarks>
/// A check never throws for what the channel does: an exception, a hang past <see cref="ChannelConformanceOptions.CallTimeout"/>,
/// a <see langword="null"/> result or a result that is not delivered and carries no reason is a
/// <see cref="ConformanceOutcome.Failed"/> result naming what went wrong. Idempotency keys are unique per run
/// (<c>conformance-&lt;run&gt;-&lt;n&gt;</c>), and every notification is about the SKU <c>conformance/conformance/conformance-&lt;run&gt;</c>,
/// so a receiver can tell conformance traffic apart. See <see cref="ChannelConformanceOptions"/> for which checks deliver.
/// </remarks>
/// <param name="createChannel">Returns the channel to check; called once per check (it may return the same instance).</param>
/// <param name="options">How to exercise it; <see langword="null"/> for the defaults.</param>
public sealed class ChannelConformance(Func<INotificationChannel> createChannel, ChannelConformanceOptions? options = null)
{
    private const int MaxNameLength = 64;

    private readonly Func<INotificationChannel> _createChannel = createChannel ?? throw new ArgumentNullException(nameof(createChannel));
    private readonly ChannelConformanceOptions _options = Checked(options ?? new());
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private int _keys;

    /// <summary>Runs every channel check in the order of <see cref="ConformanceCheckNames.Channel"/>.</summary>
    /// <param name="cancellationToken">Stops the run; the checks not yet run are not reported.</param>
    /// <returns>One result per check.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ConformanceCheckResult>> RunAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<ConformanceCheckResult>();
        foreach (var name in ConformanceCheckNames.Channel)
        {
            results.Add(await RunAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Runs one check.</summary>
    /// <param name="checkName">One of <see cref="ConformanceCheckNames.Channel"/>.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The check's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="checkName"/> is not a channel check.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConformanceCheckResult> RunAsync(string checkName, CancellationToken cancellationToken = default)
    {
        Func<INotificationChannel, CancellationToken, Task<ConformanceCheckResult>> check = checkName switch
        {
            ConformanceCheckNames.ChannelManifestKind => (_, _) => Task.FromResult(CheckManifestKind()),
            ConformanceCheckNames.ChannelName => (channel, _) => Task.FromResult(CheckName(channel)),
            ConformanceCheckNames.ChannelDelivers => CheckDeliversAsync,
            ConformanceCheckNames.ChannelRepeatSafe => CheckRepeatSafeAsync,
            ConformanceCheckNames.ChannelInvalidRejected => CheckInvalidRejectedAsync,
            ConformanceCheckNames.ChannelConcurrentSends => CheckConcurrentSendsAsync,
            ConformanceCheckNames.ChannelUnreachableRetryable => (_, ct) => CheckUnreachableAsync(ct),
            ConformanceCheckNames.ChannelCancellation => CheckCancellationAsync,
            _ => throw new ArgumentException($"'{checkName}' is not a channel check; use one of {string.Join(", ", ConformanceCheckNames.Channel)}.", nameof(checkName)),
        };

        // The manifest and unreachable checks do not use the channel under test: do not make one they would not use.
        INotificationChannel? channel = null;
        if (checkName is not (ConformanceCheckNames.ChannelManifestKind or ConformanceCheckNames.ChannelUnreachableRetryable))
        {
            try
            {
                channel = _createChannel() ?? throw new InvalidOperationException("the factory returned null");
            }
            catch (Exception ex)
            {
                return ConformanceCheckResult.Fail(checkName, $"creating the channel threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        try
        {
            return await check(channel!, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckFailedException ex)
        {
            return ConformanceCheckResult.Fail(checkName, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return ConformanceCheckResult.Fail(checkName, $"the channel threw {ex.GetType().Name}: {ex.Message}; report failures as a DeliveryResult");
        }
    }

    private ConformanceCheckResult CheckManifestKind()
    {
        const string Name = ConformanceCheckNames.ChannelManifestKind;
        if (_options.PluginFolder is null)
        {
            return ConformanceCheckResult.Skip(Name, "no plugin folder to read (ChannelConformanceOptions.PluginFolder)");
        }

        var kinds = PluginManifestConformance.ReadKinds(_options.PluginFolder, out var problem);
        if (kinds is null)
        {
            return ConformanceCheckResult.Fail(Name, problem!);
        }

        return kinds.Contains(PluginKinds.Channel, StringComparer.Ordinal)
            ? ConformanceCheckResult.Pass(Name, $"{PluginManifestConformance.FileName} declares kinds {string.Join(", ", kinds)}")
            : ConformanceCheckResult.Fail(Name, $"{PluginManifestConformance.FileName} declares {(kinds.Count > 0 ? $"kinds {string.Join(", ", kinds)}" : "no kinds")} but not '{PluginKinds.Channel}'; add it to \"kinds\" for a plugin that registers an INotificationChannel");
    }

    private static ConformanceCheckResult CheckName(INotificationChannel channel)
    {
        const string Name = ConformanceCheckNames.ChannelName;
        var name = channel.Name;
        var problem = string.IsNullOrWhiteSpace(name) ? "Name is empty; the host logs and records deliveries under it"
            : name.Trim() != name ? $"Name '{name}' has leading or trailing white space"
            : name.Length > MaxNameLength ? $"Name is {name.Length} characters long; keep it to {MaxNameLength}"
            : name.Any(char.IsControl) ? "Name contains control characters"
            : !string.Equals(channel.Name, name, StringComparison.Ordinal) ? $"Name changed between two reads ('{name}', then '{channel.Name}'); it must be the same for the channel's lifetime"
            : null;
        return problem is null ? ConformanceCheckResult.Pass(Name, $"'{name}'") : ConformanceCheckResult.Fail(Name, problem);
    }

    private async Task<ConformanceCheckResult> CheckDeliversAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ChannelDelivers;
        if (SkipUnlessSending(Name) is { } skip)
        {
            return skip;
        }

        var notification = NewNotification();
        var result = await SendAsync(channel, notification, cancellationToken).ConfigureAwait(false);
        if (result.Status != DeliveryStatus.Delivered)
        {
            return ConformanceCheckResult.Fail(Name, $"a valid notification for '{_options.Recipient}' was {result.Status}: {result.Reason} (point the channel at an endpoint that accepts it, and set Recipient to a recipient it serves)");
        }

        if (_options.CountDeliveries is null)
        {
            return ConformanceCheckResult.Pass(Name, $"delivered to '{_options.Recipient}' (what arrived was not observed: set CountDeliveries to check it)");
        }

        var count = await CountAsync(notification, cancellationToken).ConfigureAwait(false);
        return count == 1
            ? ConformanceCheckResult.Pass(Name, $"delivered to '{_options.Recipient}'; the endpoint received it once, under its idempotency key")
            : ConformanceCheckResult.Fail(Name, $"the channel reported Delivered but the endpoint received '{notification.IdempotencyKey}' {count} time(s); expected exactly once");
    }

    private async Task<ConformanceCheckResult> CheckRepeatSafeAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ChannelRepeatSafe;
        if (SkipUnlessSending(Name) is { } skip)
        {
            return skip;
        }

        var notification = NewNotification();
        var first = await SendAsync(channel, notification, cancellationToken).ConfigureAwait(false);
        var second = await SendAsync(channel, notification, cancellationToken).ConfigureAwait(false);
        if (first.Status != second.Status)
        {
            return ConformanceCheckResult.Fail(Name, $"'{notification.IdempotencyKey}' was {first.Status} the first time but {second.Status} ('{second.Reason}') the second");
        }

        if (_options.CountDeliveries is null || first.Status != DeliveryStatus.Delivered)
        {
            return ConformanceCheckResult.Pass(Name, $"sent twice, {first.Status} both times{(first.Status == DeliveryStatus.Delivered ? " (what arrived was not observed: set CountDeliveries to check it)" : "")}");
        }

        var count = await CountAsync(notification, cancellationToken).ConfigureAwait(false);
        return count switch
        {
            1 => ConformanceCheckResult.Pass(Name, "sent twice, delivered both times; the channel passed it on once"),
            2 => ConformanceCheckResult.Pass(Name, "sent twice, delivered both times; the endpoint received it twice under the same idempotency key, so it can drop the repeat"),
            _ => ConformanceCheckResult.Fail(Name, $"sent twice and Delivered both times, but the endpoint received '{notification.IdempotencyKey}' {count} time(s); expected once or twice under that key"),
        };
    }

    private async Task<ConformanceCheckResult> CheckInvalidRejectedAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ChannelInvalidRejected;
        var valid = NewNotification();
        (string Label, Notification Notification)[] cases =
        [
            ("an empty recipient", valid with { IdempotencyKey = NextKey(), Recipient = "" }),
            ("a blank message", valid with { IdempotencyKey = NextKey(), Message = " " }),
            ("an empty idempotency key", valid with { IdempotencyKey = "" }),
        ];

        var answers = new List<string>();
        var problems = new List<string>();
        foreach (var (label, notification) in cases)
        {
            DeliveryResult result;
            try
            {
                result = await SendAsync(channel, notification, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (CheckFailedException or OperationCanceledException))
            {
                problems.Add($"{label} threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (result.Status is DeliveryStatus.Rejected or DeliveryStatus.Skipped)
            {
                answers.Add($"{label}: {result.Status} ({result.Reason})");
            }
            else
            {
                problems.Add($"{label} was {result.Status}{(result.Reason is null ? "" : $" ({result.Reason})")}");
            }
        }

        return problems.Count > 0
            ? ConformanceCheckResult.Fail(Name, $"{string.Join("; ", problems)}; a malformed notification must be Rejected (or Skipped) with a reason: delivering it is wrong, and a retry would send the same fields again")
            : ConformanceCheckResult.Pass(Name, string.Join("; ", answers));
    }

    private async Task<ConformanceCheckResult> CheckConcurrentSendsAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ChannelConcurrentSends;
        if (SkipUnlessSending(Name) is { } skip)
        {
            return skip;
        }

        var notifications = Enumerable.Range(0, _options.ConcurrentSends).Select(_ => NewNotification()).ToList();
        var results = await Task.WhenAll(notifications.Select(n => Task.Run(() => SendAsync(channel, n, cancellationToken), cancellationToken))).ConfigureAwait(false);
        var failed = notifications.Zip(results).Where(p => p.Second.Status != DeliveryStatus.Delivered).ToList();
        if (failed.Count > 0)
        {
            return ConformanceCheckResult.Fail(Name, $"{failed.Count} of {notifications.Count} notifications sent at once were not delivered (first: {failed[0].Second.Status}, {failed[0].Second.Reason})");
        }

        if (_options.CountDeliveries is null)
        {
            return ConformanceCheckResult.Pass(Name, $"{notifications.Count} notifications sent at once were each delivered (what arrived was not observed: set CountDeliveries to check it)");
        }

        var wrong = new List<string>();
        foreach (var notification in notifications)
        {
            var count = await CountAsync(notification, cancellationToken).ConfigureAwait(false);
            if (count != 1)
            {
                wrong.Add($"'{notification.IdempotencyKey}' arrived {count} time(s)");
            }
        }

        return wrong.Count > 0
            ? ConformanceCheckResult.Fail(Name, $"{string.Join("; ", wrong)}; each notification sent at once must arrive exactly once")
            : ConformanceCheckResult.Pass(Name, $"{notifications.Count} notifications sent at once each arrived once");
    }

    private async Task<ConformanceCheckResult> CheckUnreachableAsync(CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ChannelUnreachableRetryable;
        if (_options.CreateUnreachableChannel is null)
        {
            return ConformanceCheckResult.Skip(Name, "no channel for an endpoint that does not answer (ChannelConformanceOptions.CreateUnreachableChannel)");
        }

        INotificationChannel channel;
        try
        {
            channel = _options.CreateUnreachableChannel() ?? throw new InvalidOperationException("the factory returned null");
        }
        catch (Exception ex)
        {
            return ConformanceCheckResult.Fail(Name, $"creating the unreachable channel threw {ex.GetType().Name}: {ex.Message}");
        }

        DeliveryResult result;
        try
        {
            result = await SendAsync(channel, NewNotification(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (CheckFailedException or OperationCanceledException))
        {
            return ConformanceCheckResult.Fail(Name, $"the channel threw {ex.GetType().Name}: {ex.Message}; return RetryableFailure: repeated exceptions open the plugin's circuit breaker");
        }

        return result.Status == DeliveryStatus.RetryableFailure
            ? ConformanceCheckResult.Pass(Name, $"RetryableFailure: {result.Reason}")
            : ConformanceCheckResult.Fail(Name, $"an endpoint that does not answer gave {result.Status} ({result.Reason}); it must be a RetryableFailure so the host tries again when the endpoint is back");
    }

    private async Task<ConformanceCheckResult> CheckCancellationAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ChannelCancellation;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        var notification = NewNotification();

        DeliveryResult result;
        try
        {
            result = await SendAsync(channel, notification, cancellationToken, cancelled.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await NothingArrivedAsync(Name, notification, "SendAsync with a cancelled token threw OperationCanceledException", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (CheckFailedException or OperationCanceledException))
        {
            return ConformanceCheckResult.Fail(Name, $"SendAsync with a cancelled token threw {ex.GetType().Name} instead of OperationCanceledException: {ex.Message}");
        }

        return result.Status == DeliveryStatus.Delivered
            ? ConformanceCheckResult.Fail(Name, "SendAsync delivered the notification although the token was cancelled before the call")
            : await NothingArrivedAsync(Name, notification, $"SendAsync with a cancelled token returned {result.Status} without delivering", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConformanceCheckResult> NothingArrivedAsync(string name, Notification notification, string passed, CancellationToken cancellationToken)
    {
        if (_options.CountDeliveries is null)
        {
            return ConformanceCheckResult.Pass(name, passed);
        }

        var count = await CountAsync(notification, cancellationToken).ConfigureAwait(false);
        return count == 0
            ? ConformanceCheckResult.Pass(name, $"{passed}; nothing arrived")
            : ConformanceCheckResult.Fail(name, $"{passed}, but the endpoint received it {count} time(s)");
    }

    private ConformanceCheckResult? SkipUnlessSending(string name) =>
        _options.IncludeSendChecks ? null : ConformanceCheckResult.Skip(name, "delivers a notification; send checks are turned off (IncludeSendChecks = false)");

    private Notification NewNotification()
    {
        var key = NextKey();
        return new Notification(key, new SkuKey("conformance", "conformance", $"conformance-{_run}"), _options.Recipient, $"Marketpilot conformance check {key}: no action needed.", "conformance");
    }

    private string NextKey() => $"conformance-{_run}-{Interlocked.Increment(ref _keys).ToString(CultureInfo.InvariantCulture)}";

    private async Task<DeliveryResult> SendAsync(INotificationChannel channel, Notification notification, CancellationToken cancellationToken, CancellationToken sendToken = default)
    {
        var what = $"SendAsync('{notification.IdempotencyKey}')";
        var result = await Within(() => channel.SendAsync(notification, sendToken.CanBeCanceled ? sendToken : cancellationToken), what, cancellationToken).ConfigureAwait(false);
        return result is null ? throw new CheckFailedException($"{what} returned null; return a DeliveryResult")
            : !Enum.IsDefined(result.Status) ? throw new CheckFailedException($"{what} returned the undefined status {(int)result.Status}")
            : result.Status != DeliveryStatus.Delivered && string.IsNullOrWhiteSpace(result.Reason) ? throw new CheckFailedException($"{what} returned {result.Status} without a reason; the action log shows it")
            : result;
    }

    private Task<int> CountAsync(Notification notification, CancellationToken cancellationToken) =>
        Within(() => _options.CountDeliveries!(notification, cancellationToken), "CountDeliveries", cancellationToken);

    // Waits without the channel's cooperation, so a channel that ignores its token still fails in bounded time; a
    // TimeoutException the channel itself throws is reported as thrown, not as a hang.
    private async Task<T> Within<T>(Func<Task<T>> start, string what, CancellationToken cancellationToken)
    {
        var call = start();
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(_options.CallTimeout, stopDelay.Token);
        if (await Task.WhenAny(call, delay).ConfigureAwait(false) != call)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new CheckFailedException($"{what} did not return within {_options.CallTimeout.TotalSeconds:0.#} s");
        }

        await stopDelay.CancelAsync().ConfigureAwait(false);
        return await call.ConfigureAwait(false);
    }

    private static ChannelConformanceOptions Checked(ChannelConformanceOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConcurrentSends, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ConcurrentSends, 100, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CallTimeout, TimeSpan.Zero, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Recipient, nameof(options));
        return options;
    }

    private sealed class CheckFailedException(string message) : Exception(message);
}
