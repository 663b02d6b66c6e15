using System.Text.Json.Serialization;

namespace Marketpilot.Scripting.Metadata;

/// <summary>What the host does with a rule's proposals (<c>// @mode:</c>); in JSON <c>live</c>, <c>dry-run</c> or <c>off</c> (<see cref="RuleModeNames"/>).</summary>
public enum RuleMode
{
    /// <summary><c>live</c>: proposals are applied (the default).</summary>
    Live,

    /// <summary><c>dry-run</c>: proposals are recorded but never applied.</summary>
    [JsonStringEnumMemberName("dry-run")]
    DryRun,

    /// <summary><c>off</c>: the rule is not run at all.</summary>
    Off,
}
