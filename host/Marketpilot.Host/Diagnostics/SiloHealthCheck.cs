using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Marketpilot.Host.Diagnostics;

/// <summary>Ready when the local Orleans silo has joined its cluster and is active.</summary>
/// <param name="oracle">The silo's own view of its membership status.</param>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active in its cluster.")
            : HealthCheckResult.Unhealthy($"The silo is {status}, not active."));
    }
}
