using System.Collections.Concurrent;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>A clock stopped at <see cref="Now"/> whose timers run in real time and are recorded, so a test can read the delays Polly waited.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public DateTimeOffset Now { get; set; } = now;

    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
