using System.Text.Json.Serialization;

namespace Marketpilot.Experiments;

/// <summary>Which side of a rule's rollout a SKU is on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExperimentArm>))]
public enum ExperimentArm
{
    /// <summary>The rule runs and its actions go through the guardrails to the marketplace.</summary>
    [JsonStringEnumMemberName("test")]
    Test,

    /// <summary>The rule runs, and what it would have done is recorded as <c>control</c>; nothing is applied.</summary>
    [JsonStringEnumMemberName("control")]
    Control,
}
