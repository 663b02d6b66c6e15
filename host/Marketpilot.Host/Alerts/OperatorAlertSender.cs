namespace Marketpilot.Host.Alerts;

/// <summary>Sends the alerts <see cref="OperatorAlert.Post"/> queued, so a request that raises one never waits on a channel.</summary>
/// <param name="alert">The host's alerts.</param>
internal sealed class OperatorAlertSender(OperatorAlert alert) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await alert.SendPostedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
