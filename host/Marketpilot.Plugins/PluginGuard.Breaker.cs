using Microsoft.Extensions.Logging;

namespace Marketpilot.Plugins;

/// <summary>What the guard does when its breaker changes: records the new <see cref="BreakerState"/>, counts it and logs it.</summary>
internal sealed partial class PluginGuard
{
    private void Opened(TimeSpan breakDuration, Exception? failure, Action<string, DateTimeOffset> onFaulted)
    {
        var until = _time.GetUtcNow() + breakDuration;
        var reason = _lastFailure ?? failure?.Message ?? "repeated failures";
        Volatile.Write(ref _breaker, new BreakerState(CircuitState.Open, reason, until));
        _metrics.Transition(PluginId, Shop, "open");
        if (Shop is null)
        {
            LogFaulted(PluginId, PluginVersion, reason, until);
        }
        else
        {
            LogShopSuspended(Shop, PluginId, PluginVersion, reason, until);
        }

        onFaulted(reason, until);
    }

    private void HalfOpened()
    {
        Volatile.Write(ref _breaker, Breaker with { State = CircuitState.HalfOpen });
        _metrics.Transition(PluginId, Shop, "half_open");
        if (Shop is null)
        {
            LogProbing(PluginId);
        }
        else
        {
            LogShopProbing(Shop, PluginId);
        }
    }

    private void Closed(Action onRecovered)
    {
        Volatile.Write(ref _breaker, BreakerState.Closed);
        _metrics.Transition(PluginId, Shop, "closed");
        if (Shop is null)
        {
            LogRecovered(PluginId, PluginVersion);
        }
        else
        {
            LogShopRecovered(Shop, PluginId, PluginVersion);
        }

        onRecovered();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {Plugin} {Version} is faulted: {Reason}. The host stops calling it until {Until}")]
    private partial void LogFaulted(string plugin, string version, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} is faulted; trying one call to see whether it recovered")]
    private partial void LogProbing(string plugin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} {Version} recovered; calling it again")]
    private partial void LogRecovered(string plugin, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calls to plugin {Plugin} {Version} for shop {Shop} failed too often: {Reason}. The host stops calling it for this shop until {Until}; its other shops run")]
    private partial void LogShopSuspended(string shop, string plugin, string version, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calls to plugin {Plugin} for shop {Shop} are suspended; trying one call to see whether it recovered")]
    private partial void LogShopProbing(string shop, string plugin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} {Version} recovered for shop {Shop}; calling it again")]
    private partial void LogShopRecovered(string shop, string plugin, string version);
}
