using System.Globalization;
using System.Runtime.CompilerServices;

namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// The budget of one evaluation: steps, depth, stack, allocated bytes and a wall-clock deadline. Armed at the
/// start of each evaluation by the host and disarmed at its end; nothing a rule can call resets it.
/// Not thread-safe: it belongs to the thread running the evaluation, which keeps it for the next one.
/// </summary>
internal sealed class BudgetMeter
{
    // The allocated bytes and the clock are sampled every 4 steps: cheap on the hot path, yet a string
    // or list that doubles at every step is caught after at most 4 doublings, and a step that takes long
    // (one library call over a large input) overruns the deadline by at most 4 such steps.
    private const long AllocationSampleSteps = 4;
    private const long Unknown = long.MinValue;

    /// <summary>The stack one evaluation may use below the frame that armed it; every injected check compares against it.</summary>
    public const int StackBytes = 512 * 1024;

    /// <summary>How many messages one evaluation may log.</summary>
    public const int MaxMessages = 1000;

    /// <summary>How many actions one evaluation may propose: the host guards, records and may send every one.</summary>
    public const int MaxActions = 1000;

    /// <summary>How many characters of messages, notifications and reasons one evaluation may hand the host, which stores and sends them.</summary>
    public const int MaxHandedChars = 256 * 1024;

    // The cheap clock is a few milliseconds coarse and depends on a background thread; the real clock is
    // read every this many samples as well, in case that thread is starved of CPU.
    private const int ClockSampleEvery = 256;

    /// <summary>A thread's own meter: the slot of its thread, which <see cref="CompiledRule"/> keeps a script instance in.</summary>
    /// <param name="threadSlot">The managed thread id (small, and reused once the thread ends), or -1 for a meter of a nested evaluation.</param>
    public BudgetMeter(int threadSlot)
    {
        ThreadSlot = threadSlot;
    }

    /// <summary>The managed thread id of the thread this meter belongs to, or -1 when its evaluation is nested in another on that thread.</summary>
    public int ThreadSlot { get; }

    internal long Steps;
    internal long NextCheck;
    internal int Depth;
    internal int MaxDepth;

    /// <summary>The lowest stack address rule code may reach; the stack grows down.</summary>
    internal nuint StackLimit;

    /// <summary>Characters that the expression being evaluated is about to copy (string parts, spreads), not yet allocated.</summary>
    internal long PendingBytes;

    /// <summary>The <see cref="PendingBytes"/> over which the allocated bytes must be read again.</summary>
    internal long PendingLimit;

    private long _maxSteps;
    private long _maxAllocatedBytes;
    private long _allocatedAtStart;
    private long _deadline;
    private long _timeoutMilliseconds;
    private TimeSpan _timeout;
    private int _samples;
    private int _messages;
    private int _actions;
    private long _handedChars;

    /// <summary>Why the evaluation was stopped; <see langword="null"/> while it may go on.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Whether an evaluation is running on this meter (between <see cref="Arm"/> and <see cref="Disarm"/>).</summary>
    public bool IsActive { get; private set; }

    /// <summary>Whether rule code must not go on: the budget is spent, or no evaluation is running.</summary>
    public bool IsStopped => StopReason is not null || !IsActive;

    // Not inlined: inside CompiledRule.Evaluate, whose try/finally keeps the meter in a stack slot, each of the fields set
    // here cost a reload of the meter; out of line they are plain stores (~3 ns of the engine's ~22 ns per evaluation).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public unsafe void Arm(RuleLimits limits)
    {
        IsActive = true;
        Steps = 0;
        Depth = 0;
        StopReason = null;
        _maxSteps = limits.MaxSteps;
        MaxDepth = limits.MaxDepth;
        _maxAllocatedBytes = limits.MaxAllocatedBytes;
        if (limits.Timeout != _timeout)
        {
            // A division and a rounding: done once per timeout, not per evaluation.
            _timeout = limits.Timeout;
            _timeoutMilliseconds = (long)Math.Ceiling(limits.Timeout.TotalMilliseconds);
        }

        _deadline = BudgetClock.Milliseconds + _timeoutMilliseconds;
        byte marker;
        var stack = (nuint)(&marker);
        StackLimit = stack > StackBytes ? stack - StackBytes : 0;
        PendingBytes = 0;
        PendingLimit = 0;
        _messages = 0;
        _actions = 0;
        _handedChars = 0;
        // The allocation baseline is taken at the first check too: before it the rule can only have run
        // straight-line code that builds nothing larger than its inputs (everything that could is checked),
        // and a rule that never reaches a check does not pay for reading the counter.
        _allocatedAtStart = Unknown;
        _samples = 0;
        NextCheck = Math.Min(AllocationSampleSteps, _maxSteps + 1);
    }

    /// <summary>Ends the evaluation: from now on every injected check throws, until the next <see cref="Arm"/>.</summary>
    public void Disarm()
    {
        IsActive = false;
        NextCheck = 0;
    }

    /// <summary>Called when <see cref="Steps"/> reached <see cref="NextCheck"/>, or when stopped or disarmed (then <see cref="NextCheck"/> is 0).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Check()
    {
        if (!IsActive)
        {
            throw new RuleBudgetExceededException("rule code ran outside an evaluation");
        }

        if (StopReason is not null)
        {
            throw new RuleBudgetExceededException(StopReason);
        }

        if (Steps > _maxSteps)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after {_maxSteps} steps (loop iterations and calls)"));
        }

        CheckStack();
        CheckAllocations(0);
        if (BudgetClock.Milliseconds > _deadline || (++_samples % ClockSampleEvery == 0 && Environment.TickCount64 > _deadline))
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

        CheckStack();
    }

    /// <summary>Stops when rule code has used its <see cref="StackBytes"/>, or the thread has little stack left whatever the rule used.</summary>
    public void CheckStack()
    {
        if (StackAddress() < StackLimit || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped at call depth {Depth}: the rule used its {StackBytes / 1024} KiB of stack"));
        }
    }

    /// <summary>Stops unless <paramref name="bytes"/> more can be allocated within the budget.</summary>
    public void CheckAllocations(long bytes)
    {
        var now = GC.GetAllocatedBytesForCurrentThread();
        if (_allocatedAtStart == Unknown)
        {
            _allocatedAtStart = now;
        }

        var used = now - _allocatedAtStart;
        if (bytes < 0 || bytes > _maxAllocatedBytes - used)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after allocating more than {_maxAllocatedBytes} bytes"));
        }

        PendingLimit = _maxAllocatedBytes - used;
    }

    /// <summary>Called when <see cref="PendingBytes"/> passed <see cref="PendingLimit"/>: reads the allocated bytes again before deciding.</summary>
    public void CheckPending()
    {
        var pending = PendingBytes;
        PendingBytes = 0;
        CheckAllocations(pending);
        PendingBytes = pending;
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

    /// <summary>Counts text the rule hands the host (a message it logs, a notification, a reason) against the evaluation's allowance.</summary>
    /// <param name="text">The text.</param>
    /// <param name="logged">Whether it is a logged message, which also counts against <see cref="MaxMessages"/>.</param>
    public void Hand(string? text, bool logged)
    {
        if (logged && ++_messages > MaxMessages)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after logging more than {MaxMessages} messages"));
        }

        _handedChars += text?.Length ?? 0;
        if (_handedChars > MaxHandedChars)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after handing the host more than {MaxHandedChars} characters of messages and reasons"));
        }
    }

    /// <summary>Counts an action the rule proposes against <see cref="MaxActions"/>.</summary>
    public void Propose()
    {
        if (++_actions > MaxActions)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"stopped after proposing more than {MaxActions} actions"));
        }
    }

    /// <summary>The address of a local of the caller's frame, give or take one frame: where the stack is now.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static unsafe nuint StackAddress()
    {
        byte marker;
        return (nuint)(&marker);
    }

    public void Stop(string reason)
    {
        StopReason ??= reason;
        NextCheck = 0;
        throw new RuleBudgetExceededException(StopReason);
    }
}
