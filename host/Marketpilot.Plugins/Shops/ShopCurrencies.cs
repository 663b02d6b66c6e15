using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Plugins.Shops;

/// <summary>The currency a shop of a marketplace sells in when its configuration names none.</summary>
public static class ShopCurrencies
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        [Marketplaces.Ozon] = "RUB",
        [Marketplaces.Wildberries] = "RUB",
        [Marketplaces.Kaspi] = "KZT",
    };

    /// <summary>The ISO 4217 currency of <paramref name="marketplace"/>'s shops, if the marketplace has one.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <returns>The currency, or <see langword="null"/> for a marketplace with none (a shop must then name its own).</returns>
    public static string? DefaultFor(string marketplace) => Defaults.GetValueOrDefault(marketplace);
}
