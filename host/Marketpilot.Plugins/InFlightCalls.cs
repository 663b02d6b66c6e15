namespace Marketpilot.Plugins;

/// <summary>
/// The calls running in one loaded plugin version, counted across its guards (the plugin's and each shop's), so that
/// unloading the plugin waits for every one of them.
/// </summary>
internal sealed class InFlightCalls
{
    private readonly Lock _gate = new();
    private int _running;
    private TaskCompletionSource? _drained;

    /// <summary>Counts a call that starts.</summary>
    public void Enter()
    {
        lock (_gate)
        {
            _running++;
        }
    }

    /// <summary>Counts a call that ended, completing <see cref="DrainAsync"/> when it was the last.</summary>
    public void Exit()
    {
        TaskCompletionSource? drained = null;
        lock (_gate)
        {
            if (--_running == 0)
            {
                drained = _drained;
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>Completes once no call is running any more (calls that start later are not waited for).</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            if (_running == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }
}
