using Marketpilot.Experiments;

namespace Marketpilot.Host.Demo;

/// <summary>One rule's part of a demo run.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Report">Its experiment: test arm against control over the demo's days.</param>
/// <param name="Applied">Test-arm actions the simulator applied.</param>
/// <param name="Rejected">Test-arm actions a guardrail or the simulator refused.</param>
/// <param name="Notified">Test-arm notifications (the demo sends none; counted only).</param>
/// <param name="Control">Control-arm actions recorded as what would have happened.</param>
public sealed record DemoRuleResult(string RuleId, ExperimentReport Report, int Applied, int Rejected, int Notified, int Control);
