using Marketpilot.Sdk.Actions;

namespace Marketpilot.Experiments;

/// <summary>
/// The effect of one kind of action: the test SKUs where the rule applied it against the control SKUs where it would
/// have (recorded as <c>control</c>, approved by the guardrails). Both groups are picked by the same rule on the same
/// data, so the comparison is fair (a triggered analysis).
/// </summary>
/// <param name="Kind">The action kind.</param>
/// <param name="TestSkus">Test SKUs with such an action applied.</param>
/// <param name="ControlSkus">Control SKUs with such an action recorded.</param>
/// <param name="MarginPerSkuDay">The margin per SKU-day of the two groups and its difference.</param>
/// <param name="IncrementalMargin">The difference × the test group's SKU-days: the margin the actions of this kind added (negative: lost), with its interval; <see langword="null"/> when a group has fewer than two SKUs.</param>
public sealed record ActionEffect(ActionKind Kind, int TestSkus, int ControlSkus, KpiComparison MarginPerSkuDay, Interval? IncrementalMargin);
