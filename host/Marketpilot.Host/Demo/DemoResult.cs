namespace Marketpilot.Host.Demo;

/// <summary>What a demo run did.</summary>
/// <param name="Settings">What was simulated.</param>
/// <param name="Rules">Each rule's experiment, in rule order.</param>
/// <param name="SkuDays">SKU-days evaluated with the rules on.</param>
/// <param name="Evaluations">Rule evaluations (one rule on one SKU-day).</param>
/// <param name="Elapsed">Wall-clock time of the run, warm-up included.</param>
public sealed record DemoResult(DemoSettings Settings, IReadOnlyList<DemoRuleResult> Rules, long SkuDays, long Evaluations, TimeSpan Elapsed);
