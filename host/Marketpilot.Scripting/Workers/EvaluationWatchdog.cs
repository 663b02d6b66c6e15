using System.Diagnostics;
using System.Globalization;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// Ends the worker process when one evaluation runs past its budget plus the kill margin. A rule's budget is checked
/// between its own steps; a single call that never comes back to them would otherwise hold the whole message, and every
/// SKU in it, until the host's deadline for all of it (the sum of its evaluations' budgets). The host sees the worker
/// die, as for any crash: it replaces it, sends the others again and quarantines the rule that does it twice.
/// </summary>
/// <remarks>A worker evaluates one message at a time (its slot in the pool waits for each answer), so one deadline is kept.</remarks>
internal sealed class EvaluationWatchdog
{
    /// <summary>What the worker writes to its standard error before it ends, which the host quotes.</summary>
    internal const string Verdict = "ran past its budget";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private long _deadline = long.MaxValue;
    private long _started;
    private RuleDescriptor? _rule;
    private string? _sku;

    public EvaluationWatchdog()
    {
        new Thread(Watch) { IsBackground = true, Name = "Marketpilot evaluation watchdog" }.Start();
    }

    /// <summary>An evaluation starts: it may run <paramref name="allowed"/> (its budget and the margin).</summary>
    public void Enter(TimeSpan allowed, RuleDescriptor rule, string sku)
    {
        _rule = rule;
        _sku = sku;
        var now = Stopwatch.GetTimestamp();
        _started = now;
        Volatile.Write(ref _deadline, now + (long)(allowed.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>The evaluation ended.</summary>
    public void Exit() => Volatile.Write(ref _deadline, long.MaxValue);

    private void Watch()
    {
        // A thread of its own, not a timer: the thread pool is what a runaway rule may have starved.
        while (true)
        {
            Thread.Sleep(Tick);
            var deadline = Volatile.Read(ref _deadline);
            if (Stopwatch.GetTimestamp() > deadline)
            {
                Stop();
            }
        }
    }

    private void Stop()
    {
        var ran = Stopwatch.GetElapsedTime(_started);
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"rule {_rule?.Id} version {_rule?.Version} on SKU {_sku} {Verdict} and its own checks: stopped after {ran.TotalMilliseconds:0} ms"));
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
    }
}
