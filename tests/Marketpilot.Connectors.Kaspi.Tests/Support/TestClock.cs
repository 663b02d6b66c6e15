using System.Collections.Concurrent;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>A clock stopped at <see cref="Now"/> whose timers run in real time and are recorded, so a test can read the delays Polly waited.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();
    private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _started = new();

    public DateTimeOffset Now { get; set; } = now;

    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Completes once a timer of <paramref name="dueTime"/> was created (at once if one was); fails after 30 s.</summary>
    public Task TimerStarted(TimeSpan dueTime) => Started(dueTime).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource Started(TimeSpan dueTime) =>
        _started.GetOrAdd(dueTime, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        Started(dueTime).TrySetResult();
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
