using System.Collections.Concurrent;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>The reminder ticks one silo delivered, per grain key; a new silo has a new instance.</summary>
public sealed class ReminderTicks
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _first = new(StringComparer.Ordinal);

    public void Record(string grainKey, string reminderName) => First(grainKey).TrySetResult(reminderName);

    /// <summary>Completes with the reminder's name when the grain <paramref name="grainKey"/> gets its first tick on this silo.</summary>
    public Task<string> FirstTickAsync(string grainKey) => First(grainKey).Task;

    private TaskCompletionSource<string> First(string grainKey) =>
        _first.GetOrAdd(grainKey, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
