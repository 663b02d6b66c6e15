using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>How a rule went on one SKU of a fixture.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Run">The evaluation.</param>
public sealed record RuleTestResult(SkuKey Sku, RuleRun Run)
{
    /// <summary>Whether the rule failed or timed out on this SKU (<c>rules test</c> then exits with 3).</summary>
    public bool IsFailure => Run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut;
}
