namespace Marketpilot.Scripting.Metadata;

/// <summary>Where the rule catalog reads the operators' overrides of rule headers (<see cref="RuleSettings"/>) from.</summary>
public interface IRuleSettingsSource
{
    /// <summary>
    /// The overrides as this process knows them now, by rule id. The same instance is returned until something changes,
    /// so a reader may compare references to see whether it must recompute what depends on them.
    /// </summary>
    IReadOnlyDictionary<string, RuleSettings> Current { get; }
}
