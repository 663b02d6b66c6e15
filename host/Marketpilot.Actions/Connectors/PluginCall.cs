namespace Marketpilot.Actions.Connectors;

/// <summary>The one way the host calls into a connector or channel: with a deadline it enforces even on a plugin that ignores its token.</summary>
public static class PluginCall
{
    /// <summary>Runs <paramref name="call"/>, cancelling its token after <paramref name="timeout"/> and abandoning it if it does not stop.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The plugin call.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="cancellationToken">Cancels the call (the host is stopping).</param>
    /// <returns>The call's result.</returns>
    /// <exception cref="TimeoutException">The call did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync also covers a plugin that ignores its token and never completes.
            return await call(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The call did not finish within {timeout.TotalMilliseconds} ms.", ex);
        }
    }
}
