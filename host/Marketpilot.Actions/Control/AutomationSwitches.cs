using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Control;

/// <summary>
/// This silo's copy of the kill switches (<see cref="IAutomationGrain"/>), read on every evaluation without a grain
/// call: changes made through this silo apply at once, changes made through another silo within
/// <see cref="RefreshInterval"/>.
/// </summary>
/// <param name="grains">Reaches the automation grain.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed partial class AutomationSwitches(IGrainFactory grains, TimeProvider time, ILogger<AutomationSwitches> logger) : SiloLoop
{
    /// <summary>How often the copy is refreshed from the grain.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private volatile AutomationSettings _settings = AutomationSettings.Default;

    /// <summary>The switches as this silo last saw them.</summary>
    public AutomationSettings Current => _settings;

    /// <summary>The mode a rule runs in: the one set through the API or CLI, else its header's.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="rules">The loaded rules, which know the headers.</param>
    /// <returns>Live, dry-run or off.</returns>
    public RuleMode ModeOf(RuleDescriptor rule, IRuleRunner rules)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(rules);
        return _settings.RuleModes.TryGetValue(rule.Id, out var mode) ? mode : rules.ModeOf(rule);
    }

    /// <summary>Reads the switches from the grain now, and keeps the answer.</summary>
    /// <returns>The switches.</returns>
    public async Task<AutomationSettings> RefreshAsync() => Remember(await Grain.GetAsync());

    /// <summary>Turns dispatching on or off.</summary>
    /// <param name="enabled">Whether actions are dispatched.</param>
    /// <returns>The switches after the change.</returns>
    public async Task<AutomationSettings> SetEnabledAsync(bool enabled) => Remember(await Grain.SetEnabledAsync(enabled, time.GetUtcNow()));

    /// <summary>Sets a rule's mode, overriding its header.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>The switches after the change.</returns>
    public async Task<AutomationSettings> SetRuleModeAsync(string ruleId, RuleMode mode) =>
        Remember(await Grain.SetRuleModeAsync(ruleId, mode, time.GetUtcNow()));

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
            }

            try
            {
                await Task.Delay(RefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private IAutomationGrain Grain => grains.GetGrain<IAutomationGrain>(IAutomationGrain.Key);

    private AutomationSettings Remember(AutomationSettings settings) => _settings = settings;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the automation switches; using the last known")]
    private partial void LogRefreshFailed(Exception exception);
}
