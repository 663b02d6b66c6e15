using System.Collections.Immutable;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Actions.Control;

/// <summary>The host's kill switches, as <see cref="IAutomationGrain"/> keeps them.</summary>
/// <param name="Enabled">Whether approved actions are dispatched at all.</param>
/// <param name="ChangedAt">When <paramref name="Enabled"/> last changed; <see langword="null"/> if never.</param>
/// <param name="RuleModes">The rules' modes set through the API or CLI, by rule id; they override the files' headers.</param>
/// <param name="RuleSettings">The rules' settings set through the API, by rule id; each field given overrides the header's key. <see langword="null"/> in state stored before they existed.</param>
/// <param name="Revision">Counts the changes, so that a silo never replaces what it knows with an older answer.</param>
[GenerateSerializer, Immutable]
[Alias("Marketpilot.Actions.AutomationSettings")]
public sealed record AutomationSettings(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] DateTimeOffset? ChangedAt,
    [property: Id(2)] ImmutableDictionary<string, RuleMode> RuleModes,
    [property: Id(3)] ImmutableDictionary<string, RuleSettingsOverride>? RuleSettings = null,
    [property: Id(4)] long Revision = 0)
{
    /// <summary>The rules' settings set through the API (a method, so that stored state holds the dictionary once).</summary>
    /// <returns><see cref="RuleSettings"/>, or an empty dictionary.</returns>
    public ImmutableDictionary<string, RuleSettingsOverride> AllRuleSettings() =>
        RuleSettings ?? ImmutableDictionary.Create<string, RuleSettingsOverride>(StringComparer.Ordinal);

    /// <summary>Automation on, no rule mode set.</summary>
    public static AutomationSettings Default { get; } = new(true, null, ImmutableDictionary.Create<string, RuleMode>(StringComparer.Ordinal));
}
