using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace Marketpilot.Actions.Control;

/// <summary>Keeps the kill switches in grain storage.</summary>
/// <param name="state">The persisted switches.</param>
/// <param name="logger">The logger.</param>
public sealed partial class AutomationGrain(
    [PersistentState("automation", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<AutomationGrainState> state,
    ILogger<AutomationGrain> logger) : Grain, IAutomationGrain
{
    /// <inheritdoc/>
    public Task<AutomationSettings> GetAsync() => Task.FromResult(state.State.Settings ?? AutomationSettings.Default);

    /// <inheritdoc/>
    public async Task<AutomationSettings> SetEnabledAsync(bool enabled, DateTimeOffset at)
    {
        var current = state.State.Settings ?? AutomationSettings.Default;
        if (current.Enabled == enabled)
        {
            return current;
        }

        state.State.Settings = current with { Enabled = enabled, ChangedAt = at, Revision = current.Revision + 1 };
        await state.WriteStateAsync();
        LogAutomation(enabled ? "on" : "off: approved actions stay queued until it is switched on");
        return state.State.Settings;
    }

    /// <inheritdoc/>
    public async Task<AutomationSettings> SetRuleModeAsync(string ruleId, RuleMode mode, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        var current = state.State.Settings ?? AutomationSettings.Default;
        state.State.Settings = current with { RuleModes = current.RuleModes.SetItem(ruleId, mode), Revision = current.Revision + 1 };
        await state.WriteStateAsync();
        LogRuleMode(ruleId, mode);
        return state.State.Settings;
    }

    /// <inheritdoc/>
    public async Task<AutomationSettings> SetRuleSettingsAsync(string ruleId, RuleSettingsOverride settings, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentNullException.ThrowIfNull(settings);
        var current = state.State.Settings ?? AutomationSettings.Default;
        var all = current.AllRuleSettings();
        var empty = settings.ToSettings().IsEmpty;
        state.State.Settings = current with { RuleSettings = empty ? all.Remove(ruleId) : all.SetItem(ruleId, settings), Revision = current.Revision + 1 };
        await state.WriteStateAsync();
        LogRuleSettings(ruleId, settings);
        return state.State.Settings;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation switched {State}")]
    private partial void LogAutomation(string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} switched to {Mode}")]
    private partial void LogRuleMode(string ruleId, RuleMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} settings set to {Settings}")]
    private partial void LogRuleSettings(string ruleId, RuleSettingsOverride settings);
}

/// <summary>The persisted state of <see cref="AutomationGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Actions.AutomationGrainState")]
public sealed class AutomationGrainState
{
    /// <summary>The switches; <see langword="null"/> until first changed.</summary>
    [Id(0)]
    public AutomationSettings? Settings { get; set; }
}
