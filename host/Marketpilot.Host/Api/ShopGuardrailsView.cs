using Marketpilot.Actions.Guardrails;

namespace Marketpilot.Host.Api;

/// <summary>A shop's guardrails as <c>GET</c> and <c>PUT /api/v1/shops/{marketplace}/{shopId}/guardrails</c> answer them.</summary>
/// <param name="Marketplace">The marketplace id.</param>
/// <param name="ShopId">The shop id.</param>
/// <param name="Custom">Whether the shop has its own guardrails; <see langword="false"/> while it uses the configured defaults.</param>
/// <param name="Guardrails">The limits; ratios are fractions (0.12 is 12%).</param>
public sealed record ShopGuardrailsView(string Marketplace, string ShopId, bool Custom, GuardrailSettings Guardrails);
