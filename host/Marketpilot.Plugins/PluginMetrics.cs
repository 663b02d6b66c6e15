using System.Diagnostics.Metrics;

namespace Marketpilot.Plugins;

/// <summary>The plugin runtime's instruments, on the meter <c>Marketpilot.Plugins</c>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>marketpilot.plugins.calls</c>: calls into plugins, tagged <c>plugin</c>, <c>operation</c> (pull, apply, send) and
/// <c>outcome</c> (success, failure, timeout, invalid_result, rejected_faulted, rate_limited: the marketplace asked for a pause, not counted by the breaker).</item>
/// <item><c>marketpilot.plugins.circuit_transitions</c>: a breaker opened, half-opened or closed, tagged <c>plugin</c> and <c>state</c>,
/// and <c>shop</c> (<c>&lt;marketplace&gt;/&lt;shopId&gt;</c>) when it is one configured shop's breaker rather than the plugin's.</item>
/// <item><c>marketpilot.plugins.reloads</c>: folder reloads, tagged <c>plugin</c> and <c>outcome</c> (loaded, failed, removed).</item>
/// <item><c>marketpilot.plugins.faulted</c>: how many plugins are faulted now.</item>
/// <item><c>marketpilot.plugins.shop_breakers_open</c>: how many configured shops have their breaker open now.</item>
/// </list>
/// </remarks>
internal sealed class PluginMetrics : IDisposable
{
    public const string MeterName = "Marketpilot.Plugins";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _reloads;

    public PluginMetrics(IMeterFactory? meterFactory, Func<int> faultedCount, Func<int>? openShopBreakers = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("marketpilot.plugins.calls", description: "Calls into plugins, by outcome.");
        _transitions = _meter.CreateCounter<long>("marketpilot.plugins.circuit_transitions", description: "Plugin circuit breaker state changes.");
        _reloads = _meter.CreateCounter<long>("marketpilot.plugins.reloads", description: "Plugin folder reloads, by outcome.");
        _meter.CreateObservableGauge("marketpilot.plugins.faulted", faultedCount, description: "Plugins that are faulted now.");
        _meter.CreateObservableGauge("marketpilot.plugins.shop_breakers_open", openShopBreakers ?? (() => 0), description: "Configured shops whose breaker is open now.");
    }

    public void Call(string plugin, string operation, string outcome) =>
        _calls.Add(1, new("plugin", plugin), new("operation", operation), new("outcome", outcome));

    public void Transition(string plugin, string? shop, string state)
    {
        if (shop is null)
        {
            _transitions.Add(1, new("plugin", plugin), new("state", state));
        }
        else
        {
            _transitions.Add(1, new("plugin", plugin), new("shop", shop), new("state", state));
        }
    }

    public void Reload(string plugin, string outcome) => _reloads.Add(1, new("plugin", plugin), new("outcome", outcome));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
