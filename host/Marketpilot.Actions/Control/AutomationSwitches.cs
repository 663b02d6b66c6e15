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
public sealed partial class AutomationSwitches(IGrainFactory grains, TimeProvider time, ILogger<AutomationSwitches> logger) : SiloLoop, IRuleSettingsSource
{
    /// <summary>How often the copy is refreshed from the grain.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _remembering = new();
    private volatile AutomationSettings _settings = AutomationSettings.Default;
    private volatile IReadOnlyDictionary<string, RuleSettings> _ruleSettings = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);

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

    /// <inheritdoc/>
    /// <remarks>A new dictionary only when a refresh finds a rule's settings changed, so the rule catalog recomputes only then.</remarks>
    IReadOnlyDictionary<string, RuleSettings> IRuleSettingsSource.Current => _ruleSettings;

    /// <summary>The settings set for a rule through the API, overriding its header.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <returns>The settings; <see cref="RuleSettings.None"/> when none are set.</returns>
    public RuleSettings SettingsOf(string ruleId) => _ruleSettings.GetValueOrDefault(ruleId) ?? RuleSettings.None;

    /// <summary>Sets a rule's settings, overriding its header key by key; <see cref="RuleSettings.None"/> returns to the header.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="settings">The settings, already validated (<see cref="RuleSettings.Validate"/>).</param>
    /// <returns>The switches after the change.</returns>
    public async Task<AutomationSettings> SetRuleSettingsAsync(string ruleId, RuleSettings settings) =>
        Remember(await Grain.SetRuleSettingsAsync(ruleId, RuleSettingsOverride.From(settings), time.GetUtcNow()));

    /// <summary>Whether rule <paramref name="ruleId"/> is switched off through the API or CLI (as a rollback or an emergency stop does), as this silo last heard.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns><see langword="true"/> when it is off.</returns>
    public bool IsSwitchedOff(string ruleId) => _settings.RuleModes.TryGetValue(ruleId, out var mode) && mode == RuleMode.Off;

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

    private AutomationSettings Remember(AutomationSettings settings)
    {
        lock (_remembering)
        {
            // A periodic read that left before a change and answers after it must not undo the change here.
            return settings.Revision < _settings.Revision ? _settings : Keep(settings);
        }
    }

    private AutomationSettings Keep(AutomationSettings settings)
    {
        var stored = settings.AllRuleSettings();
        var known = _ruleSettings;
        if (stored.Count != known.Count || stored.Any(s => !known.TryGetValue(s.Key, out var same) || same != s.Value.ToSettings()))
        {
            _ruleSettings = stored.ToDictionary(s => s.Key, s => s.Value.ToSettings(), StringComparer.Ordinal);
        }

        return _settings = settings;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the automation switches; using the last known")]
    private partial void LogRefreshFailed(Exception exception);
}
