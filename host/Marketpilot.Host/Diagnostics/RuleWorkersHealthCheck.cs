using Marketpilot.Scripting.Workers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketpilot.Host.Diagnostics;

/// <summary>
/// Healthy when rules run in process or at least one rule worker is alive. No live worker is reported as degraded, not
/// unready: the pool starts workers on first use and restarts crashed ones, so the host still serves while it does.
/// </summary>
/// <param name="pool">The rule worker pool.</param>
public sealed class RuleWorkersHealthCheck(RuleWorkerPool pool) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!pool.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Rules run in process (Isolation=InProcess)."));
        }

        var live = pool.WorkerProcessIds.Count;
        return Task.FromResult(live > 0
            ? HealthCheckResult.Healthy($"{live} rule workers are alive.")
            : HealthCheckResult.Degraded("No rule worker is alive; the pool starts one on the next rule to run."));
    }
}
