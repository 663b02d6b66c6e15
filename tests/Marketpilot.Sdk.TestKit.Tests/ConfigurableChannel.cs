using System.Collections.Concurrent;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.TestKit.Tests;

/// <summary>A well-behaved in-memory channel, with its "endpoint" as a count per idempotency key, whose behaviour each test breaks in one way.</summary>
internal sealed class ConfigurableChannel : INotificationChannel
{
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private int _nameReads;
    private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public string? FixedName { get; init; } = "memo";

    public bool NameChanges { get; init; }

    public bool RejectsEverything { get; init; }

    public bool DeliversTwice { get; init; }

    public bool ThrowsOnRepeat { get; init; }

    public bool DeliversMalformed { get; init; }

    public bool ThrowsOnMalformed { get; init; }

    public bool OmitsReasons { get; init; }

    public bool ReturnsNull { get; init; }

    public bool FailsWhenBusy { get; init; }

    public bool IgnoresCancellation { get; init; }

    public bool Hangs { get; init; }

    public Exception? Throws { get; init; }

    public DeliveryResult? Answer { get; init; }

    public string Name => NameChanges ? $"memo-{Interlocked.Increment(ref _nameReads)}" : FixedName!;

    public int TotalReceived => _received.Values.Sum();

    public int Received(Notification notification) => _received.GetValueOrDefault(notification.IdempotencyKey);

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (Hangs)
        {
            await new TaskCompletionSource().Task;
        }

        if (!IgnoresCancellation)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (Throws is not null)
        {
            throw Throws;
        }

        if (Answer is not null)
        {
            return Answer;
        }

        if ((string.IsNullOrWhiteSpace(notification.Recipient) || string.IsNullOrWhiteSpace(notification.Message) || notification.IdempotencyKey.Length == 0) && !DeliversMalformed)
        {
            return ThrowsOnMalformed
                ? throw new ArgumentException("The notification is malformed.", nameof(notification))
                : new DeliveryResult(DeliveryStatus.Rejected, OmitsReasons ? null : "malformed");
        }

        if (ReturnsNull)
        {
            return null!;
        }

        if (RejectsEverything)
        {
            return new DeliveryResult(DeliveryStatus.Rejected, "the endpoint refused it");
        }

        if (ThrowsOnRepeat && _received.ContainsKey(notification.IdempotencyKey))
        {
            throw new InvalidOperationException("already sent");
        }

        if (FailsWhenBusy)
        {
            // The first send waits until a second one overlaps it, which then fails: deterministic when sends run at once.
            if (Interlocked.Increment(ref _inFlight) > 1)
            {
                _overlapped.TrySetResult();
                return new DeliveryResult(DeliveryStatus.RetryableFailure, "busy");
            }

            await _overlapped.Task;
        }

        _received.AddOrUpdate(notification.IdempotencyKey, DeliversTwice ? 2 : 1, (_, n) => n + (DeliversTwice ? 2 : 1));
        return DeliveryResult.Delivered;
    }
}
