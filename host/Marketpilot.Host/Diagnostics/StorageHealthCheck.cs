using Marketpilot.Actions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketpilot.Host.Diagnostics;

/// <summary>Ready when the store answers a one-row read of the action log, through the store module's own interface.</summary>
/// <param name="actions">The action log of whichever store is configured (SQLite or PostgreSQL).</param>
public sealed class StorageHealthCheck(IActionLog actions) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await actions.QueryAsync(new ActionQuery(Limit: 1), cancellationToken);
            return HealthCheckResult.Healthy("The store answered a read of the action log.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: a driver's message can carry a connection string.
            return HealthCheckResult.Unhealthy($"The store did not answer a read of the action log ({e.GetType().Name}).");
        }
    }
}
