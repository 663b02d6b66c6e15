using System.Globalization;
using Marketpilot.Connectors.Ozon.Wire;

namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>The promotions open to the shop, by id, and the promotion ids each product is in, by <c>product_id</c>.</summary>
internal sealed record PromotionMembership(IReadOnlyDictionary<long, Promotion> Promotions, IReadOnlyDictionary<long, IReadOnlyList<string>> ByProduct)
{
    public IReadOnlyList<string> Of(long productId) => ByProduct.GetValueOrDefault(productId) ?? [];

    public Promotion? Find(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? Promotions.GetValueOrDefault(key) : null;

    /// <summary>The frozen promotions a product is in: while they last, Ozon lets its price fall but not rise.</summary>
    public IReadOnlyList<Promotion> FrozenFor(long productId) => [.. Of(productId).Select(Find).OfType<Promotion>().Where(p => p.IsFrozen)];
}
