namespace Marketpilot.Connectors.Simulator;

/// <summary>A marketplace promotion: SKUs in it sell at a discount and are shown more often.</summary>
internal sealed record SimulatedPromotion(string Id, string Name, decimal Discount, double ImpressionBoost);
