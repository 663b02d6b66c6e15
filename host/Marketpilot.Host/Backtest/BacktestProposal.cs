using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Backtest;

/// <summary>What the rule would have proposed on one SKU-day, and what would have become of it.</summary>
/// <param name="Date">The day whose data it ran on.</param>
/// <param name="Sku">The SKU.</param>
/// <param name="Action">The proposal.</param>
/// <param name="Guardrail">The guardrail that would have refused it; <see langword="null"/> when it would have gone ahead.</param>
/// <param name="EstimatedMarginEffect">The estimated change in margin over the rest of the window; <see langword="null"/> for actions the model does not cover or refused ones.</param>
public sealed record BacktestProposal(DateOnly Date, SkuKey Sku, RuleAction Action, string? Guardrail, decimal? EstimatedMarginEffect);
