using System.Text.Json.Serialization;
using Marketpilot.Actions.Control;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The kill switches as <c>GET</c> and <c>PUT /api/v1/automation</c> show them.</summary>
/// <param name="Enabled">Whether approved actions are dispatched; while <see langword="false"/> they stay queued.</param>
/// <param name="ChangedAt">When <paramref name="Enabled"/> last changed; <see langword="null"/> if never.</param>
/// <param name="RuleModes">The modes set through the API or the CLI, by rule id; they override the rule files' headers.</param>
public sealed record AutomationView(
    bool Enabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ChangedAt,
    IReadOnlyDictionary<string, RuleMode> RuleModes)
{
    /// <summary>The view of <paramref name="settings"/>.</summary>
    /// <param name="settings">The switches.</param>
    /// <returns>The view.</returns>
    public static AutomationView Of(AutomationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Enabled, settings.ChangedAt, new SortedDictionary<string, RuleMode>(settings.RuleModes, StringComparer.Ordinal));
    }
}
