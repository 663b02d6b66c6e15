using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Scripting.Metadata;

/// <summary>Which SKUs a rule runs on (<c>// @scope:</c>); an empty list or an absent bound admits every value.</summary>
/// <param name="Marketplaces">Marketplaces admitted, for example <c>ozon</c>.</param>
/// <param name="Shops">Shop ids admitted.</param>
/// <param name="SkuPrefixes">SKU prefixes admitted (<c>sku=KET-*</c> admits <c>KET-1</c>); an exact SKU has no <c>*</c>.</param>
public sealed record RuleScope(IReadOnlyList<string> Marketplaces, IReadOnlyList<string> Shops, IReadOnlyList<string> SkuPrefixes)
{
    /// <summary>Every SKU.</summary>
    public static RuleScope All { get; } = new([], [], []);

    /// <summary>Categories admitted (<c>category=Kettles,Irons</c>), ignoring case; a SKU without a category is outside a scope that names some.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Tags admitted (<c>tag=summer</c>), ignoring case: a SKU carrying any one of them is admitted.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The lowest price admitted, inclusive, in the shop's currency (<c>price=100..</c>); no lower bound when <see langword="null"/>.</summary>
    public decimal? MinPrice { get; init; }

    /// <summary>The highest price admitted, inclusive, in the shop's currency (<c>price=..5000</c>); no upper bound when <see langword="null"/>.</summary>
    public decimal? MaxPrice { get; init; }

    /// <summary>Whether the scope admits <paramref name="key"/> by its marketplace, shop and SKU id alone.</summary>
    /// <param name="key">The SKU.</param>
    /// <returns><see langword="true"/> when those parts of the scope admit it.</returns>
    public bool Admits(SkuKey key)
    {
        return (Marketplaces.Count == 0 || Marketplaces.Contains(key.Marketplace, StringComparer.OrdinalIgnoreCase))
            && (Shops.Count == 0 || Shops.Contains(key.ShopId, StringComparer.Ordinal))
            && (SkuPrefixes.Count == 0 || SkuPrefixes.Any(p => p.EndsWith('*') ? key.Sku.StartsWith(p[..^1], StringComparison.Ordinal) : key.Sku == p));
    }

    /// <summary>Whether the scope admits <paramref name="sku"/>: its key, category, tags and current price.</summary>
    /// <param name="sku">The SKU's latest snapshot.</param>
    /// <returns><see langword="true"/> when every part of the scope admits it.</returns>
    public bool Admits(SkuSnapshot sku)
    {
        ArgumentNullException.ThrowIfNull(sku);

        return Admits(sku.Key)
            && (Categories.Count == 0 || (sku.Category is { } category && Categories.Contains(category, StringComparer.OrdinalIgnoreCase)))
            && (Tags.Count == 0 || sku.Tags.Any(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
            && (MinPrice is not { } min || sku.Price >= min)
            && (MaxPrice is not { } max || sku.Price <= max);
    }
}
