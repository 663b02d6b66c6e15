namespace Marketpilot.Actions.Dispatch;

/// <summary>Wakes the outbox dispatcher when new actions were queued, so they go out at once instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    /// <summary>Tells the dispatcher that actions are waiting; signals while it is busy coalesce into one.</summary>
    public void Notify()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will look once more anyway.
        }
    }

    /// <summary>Waits for <see cref="Notify"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when signalled or timed out.</returns>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulse.WaitAsync(timeout, cancellationToken);
}
