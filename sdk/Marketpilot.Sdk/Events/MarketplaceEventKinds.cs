namespace Marketpilot.Sdk.Events;

/// <summary>The kebab-case names of <see cref="MarketplaceEventKind"/>, as rules and the HTTP API write them.</summary>
public static class MarketplaceEventKinds
{
    private static readonly Dictionary<string, MarketplaceEventKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["order-placed"] = MarketplaceEventKind.OrderPlaced,
        ["return"] = MarketplaceEventKind.Return,
        ["view"] = MarketplaceEventKind.View,
        ["stock-out"] = MarketplaceEventKind.StockOut,
        ["campaign-stats-updated"] = MarketplaceEventKind.CampaignStatsUpdated,
    };

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.Keys];

    /// <summary>The kebab-case name of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name, for example <c>order-placed</c>.</returns>
    public static string NameOf(MarketplaceEventKind kind) => ByName.First(pair => pair.Value == kind).Key;

    /// <summary>Reads a kind from its kebab-case name, ignoring case.</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">The kind when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string name, out MarketplaceEventKind kind) => ByName.TryGetValue(name, out kind);
}
