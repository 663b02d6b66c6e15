using Marketpilot.Plugins;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketpilot.Host.Diagnostics;

/// <summary>
/// Reports each plugin's state. One plugin that failed or faulted degrades the host but leaves it ready: the other
/// shops keep working and the operator fixes that one. The host is not ready only when plugins were found and none of
/// them loaded, because then no marketplace can be reached at all.
/// </summary>
/// <param name="catalog">The plugins found under the plugin folder.</param>
public sealed class PluginsHealthCheck(PluginCatalog catalog) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var plugins = catalog.Plugins;
        var states = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            states[plugin.Id] = plugin.Status.ToString();
        }

        var loaded = plugins.Count(p => p.Status != PluginStatus.Failed);
        var unwell = plugins.Count(p => p.Status is PluginStatus.Failed or PluginStatus.Faulted);
        var summary = $"{loaded} of {plugins.Count} plugins loaded, {unwell} failed or faulted.";
        var result = plugins.Count > 0 && loaded == 0
            ? HealthCheckResult.Unhealthy(summary, data: states)
            : unwell > 0 ? HealthCheckResult.Degraded(summary, data: states) : HealthCheckResult.Healthy(summary, data: states);
        return Task.FromResult(result);
    }
}
