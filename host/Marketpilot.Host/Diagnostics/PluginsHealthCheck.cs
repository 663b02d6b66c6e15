using Marketpilot.Plugins;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketpilot.Host.Diagnostics;

/// <summary>
/// Reports each plugin's state. One plugin that failed or faulted degrades the host but leaves it ready: the other
/// shops keep working and the operator fixes that one. A configured shop whose own breaker is open (its account
/// broken, say) degrades it the same way; the summary counts such shops without naming them, since this body needs no
/// API key (<c>GET /api/v1/shops</c> names them with the reason). The host is not ready only when plugins were found
/// and none of them loaded, because then no marketplace can be reached at all.
/// </summary>
/// <param name="catalog">The plugins found under the plugin folder.</param>
/// <param name="registry">The loaded plugins and the configured shops.</param>
public sealed class PluginsHealthCheck(PluginCatalog catalog, IPluginRegistry registry) : IHealthCheck
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
        var shops = registry.Shops;
        var suspended = shops.Count(s => s.IsSuspended);
        var summary = $"{loaded} of {plugins.Count} plugins loaded, {unwell} failed or faulted"
            + (shops.Count == 0 ? "." : $"; {suspended} of {shops.Count} shops have their breaker open.");
        var result = plugins.Count > 0 && loaded == 0
            ? HealthCheckResult.Unhealthy(summary, data: states)
            : unwell + suspended > 0 ? HealthCheckResult.Degraded(summary, data: states) : HealthCheckResult.Healthy(summary, data: states);
        return Task.FromResult(result);
    }
}
