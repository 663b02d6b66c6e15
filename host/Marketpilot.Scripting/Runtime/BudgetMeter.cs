using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// The budget of one evaluation: steps, depth, allocated bytes and a wall-clock deadline. Armed once
/// per evaluation by the host; nothing a rule can call resets it. Not thread-safe: it belongs to the
/// thread running the evaluation.
/// </summary>
internal sealed class BudgetMeter
{
    // The allocated bytes are sampled every 4 steps, the clock every 1024: cheap on the hot path,
    // yet a string or list that doubles at every step is caught after at most 4 doublings.
    private const long AllocationSampleSteps = 4;
    private const int ClockSampleEvery = 256;

    [ThreadStatic]
    private static BudgetMeter? t_forThread;

    internal long Steps;
    internal long NextCheck;
    internal int Depth;
    internal int MaxDepth;
    private long _maxSteps;
    private long _maxAllocatedBytes;
    private long _allocatedAtStart;
    private long _startTimestamp;
    private long _timeoutTicks;
    private TimeSpan _timeout;
    private int _samples;

    /// <summary>Why the evaluation was stopped; <see langword="null"/> while it may go on.</summary>
    public string? StopReason { get; private set; }

    public bool IsStopped => StopReason is not null;

    /// <summary>A meter reused by the evaluations of the current thread, one at a time.</summary>
    public static BudgetMeter ForCurrentThread => t_forThread ??= new BudgetMeter();

    public void Arm(RuleLimits limits)
    {
        Steps = 0;
        Depth = 0;
        StopReason = null;
        _maxSteps = limits.MaxSteps;
        MaxDepth = limits.MaxDepth;
        _maxAllocatedBytes = limits.MaxAllocatedBytes;
        _timeout = limits.Timeout;
        _timeoutTicks = (long)(limits.Timeout.TotalSeconds * Stopwatch.Frequency);

        // The clock is read lazily at the first sample, so a rule that makes a handful of steps does not pay for it.
        _startTimestamp = 0;
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _samples = 0;
        NextCheck = Math.Min(AllocationSampleSteps, _maxSteps + 1);
    }

    /// <summary>Called when <see cref="Steps"/> reached <see cref="NextCheck"/>, or when stopped (then <see cref="NextCheck"/> is 0).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Check()
    {
        if (StopReason is not null)
        {
            throw new RuleBudgetExceededException(StopReason);
        }

        if (Steps > _maxSteps)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after {_maxSteps} steps (loop iterations and calls)"));
        }

        CheckAllocations(0);
        if (_startTimestamp == 0)
        {
            _startTimestamp = Stopwatch.GetTimestamp();
        }
        else if (++_samples % ClockSampleEvery == 0 && Stopwatch.GetTimestamp() - _startTimestamp > _timeoutTicks)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after {_timeout.TotalMilliseconds:0} ms"));
        }

        NextCheck = Math.Min(Steps + AllocationSampleSteps, _maxSteps + 1);
    }

    public void CheckDepth()
    {
        if (Depth > MaxDepth)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped at call depth {Depth} (limit {MaxDepth})"));
        }

        if ((Depth & 15) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped at call depth {Depth}: the thread's stack is nearly full"));
        }
    }

    /// <summary>Stops unless <paramref name="bytes"/> more can be allocated within the budget.</summary>
    public void CheckAllocations(long bytes)
    {
        var now = GC.GetAllocatedBytesForCurrentThread();
        if (bytes < 0 || now - _allocatedAtStart + bytes > _maxAllocatedBytes)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after allocating more than {_maxAllocatedBytes} bytes"));
        }
    }

    /// <summary>Charges <paramref name="steps"/> at once, for a library call that loops that many times.</summary>
    public void Charge(long steps)
    {
        if (steps < 0 || steps > _maxSteps - Steps)
        {
            Steps = _maxSteps + 1;
        }
        else
        {
            Steps += steps;
        }

        Check();
    }

    public void Stop(string reason)
    {
        StopReason ??= reason;
        NextCheck = 0;
        throw new RuleBudgetExceededException(StopReason);
    }
}
