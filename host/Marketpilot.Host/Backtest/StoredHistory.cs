using Marketpilot.Actions.Guardrails;

namespace Marketpilot.Host.Backtest;

/// <summary>What <see cref="StoreHistory"/> read from a host's store.</summary>
/// <param name="Days">The recorded days, oldest first.</param>
/// <param name="ShopGuardrails">The guardrails shops were given through the API, by shop key (<c>marketplace/shopId</c>).</param>
public sealed record StoredHistory(IReadOnlyList<BacktestDay> Days, IReadOnlyDictionary<string, GuardrailSettings> ShopGuardrails);
