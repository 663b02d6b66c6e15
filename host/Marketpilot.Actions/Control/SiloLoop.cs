namespace Marketpilot.Actions.Control;

/// <summary>
/// A background loop that runs while the silo is active: it starts once grains can be called and stops before the
/// silo does, so it never calls a grain of a silo that is not there.
/// </summary>
public abstract class SiloLoop : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>The loop; it returns when <paramref name="stopping"/> is cancelled.</summary>
    /// <param name="stopping">Cancelled when the silo stops.</param>
    /// <returns>A task that completes when the loop ends.</returns>
    protected abstract Task RunAsync(CancellationToken stopping);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
