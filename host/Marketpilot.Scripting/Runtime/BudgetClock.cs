namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// A millisecond clock that budget checks can read as cheaply as a field: one background thread
/// refreshes it every few milliseconds. Reading the real clock costs ~25 ns on a VM, too much for
/// every budget check, and reading it only every thousand checks let a few slow library calls run
/// for seconds between two readings.
/// </summary>
internal static class BudgetClock
{
    private const int ResolutionMilliseconds = 5;

    private static long s_milliseconds = Environment.TickCount64;

    static BudgetClock()
    {
        // A dedicated thread, not a timer: timer callbacks queue behind the thread pool, which rules may be keeping busy.
        var thread = new Thread(Run, maxStackSize: 64 * 1024) { IsBackground = true, Name = "Marketpilot rule clock" };
        thread.Start();
    }

    /// <summary><see cref="Environment.TickCount64"/>, at most a few milliseconds old.</summary>
    public static long Milliseconds => Volatile.Read(ref s_milliseconds);

    private static void Run()
    {
        while (true)
        {
            Thread.Sleep(ResolutionMilliseconds);
            Volatile.Write(ref s_milliseconds, Environment.TickCount64);
        }
    }
}
