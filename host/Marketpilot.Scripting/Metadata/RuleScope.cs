using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Scripting.Metadata;

/// <summary>Which SKUs a rule runs on (<c>// @scope:</c>); an empty list admits every value.</summary>
/// <param name="Marketplaces">Marketplaces admitted, for example <c>ozon</c>.</param>
/// <param name="Shops">Shop ids admitted.</param>
/// <param name="SkuPrefixes">SKU prefixes admitted (<c>sku=KET-*</c> admits <c>KET-1</c>); an exact SKU has no <c>*</c>.</param>
public sealed record RuleScope(IReadOnlyList<string> Marketplaces, IReadOnlyList<string> Shops, IReadOnlyList<string> SkuPrefixes)
{
    /// <summary>Every SKU.</summary>
    public static RuleScope All { get; } = new([], [], []);

    /// <summary>Whether the scope admits <paramref name="key"/>.</summary>
    /// <param name="key">The SKU.</param>
    /// <returns><see langword="true"/> when every part of the scope admits it.</returns>
    public bool Admits(SkuKey key)
    {
        return (Marketplaces.Count == 0 || Marketplaces.Contains(key.Marketplace, StringComparer.OrdinalIgnoreCase))
            && (Shops.Count == 0 || Shops.Contains(key.ShopId, StringComparer.Ordinal))
            && (SkuPrefixes.Count == 0 || SkuPrefixes.Any(p => p.EndsWith('*') ? key.Sku.StartsWith(p[..^1], StringComparison.Ordinal) : key.Sku == p));
    }
}
