using Orleans.Concurrency;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Actions.Control;

/// <summary>
/// The one place the host's kill switches live (key <see cref="Key"/>): the global automation switch and each rule's
/// mode as set through the API or the CLI. Persisted in grain storage.
/// </summary>
public interface IAutomationGrain : IGrainWithStringKey
{
    /// <summary>The key of the one instance.</summary>
    const string Key = "global";

    /// <summary>Reads the switches.</summary>
    /// <returns>The current switches.</returns>
    [AlwaysInterleave]
    Task<AutomationSettings> GetAsync();

    /// <summary>Turns dispatching of every action on or off; what is queued stays queued while it is off.</summary>
    /// <param name="enabled">Whether actions are dispatched.</param>
    /// <param name="at">When, for the record.</param>
    /// <returns>The switches after the change.</returns>
    Task<AutomationSettings> SetEnabledAsync(bool enabled, DateTimeOffset at);

    /// <summary>Sets a rule's mode; it overrides the rule file's <c>@mode</c> header until changed again.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="mode">Live, dry-run or off.</param>
    /// <param name="at">When, for the record.</param>
    /// <returns>The switches after the change.</returns>
    Task<AutomationSettings> SetRuleModeAsync(string ruleId, RuleMode mode, DateTimeOffset at);

    /// <summary>Sets a rule's settings; each field given overrides the rule file's header key until changed again.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="settings">The settings, already validated; one with no field set removes the rule's entry.</param>
    /// <param name="at">When, for the record.</param>
    /// <returns>The switches after the change.</returns>
    Task<AutomationSettings> SetRuleSettingsAsync(string ruleId, RuleSettingsOverride settings, DateTimeOffset at);
}
