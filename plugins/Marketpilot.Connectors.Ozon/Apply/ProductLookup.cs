using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Wire;

namespace Marketpilot.Connectors.Ozon.Apply;

/// <summary>Finds products by the seller's offer id, the SKU id Marketpilot uses, in chunks Ozon accepts.</summary>
internal sealed class ProductLookup(SellerApi seller, OzonQuotas quotas)
{
    public async Task<Dictionary<string, ProductInfo>> ByOfferIdAsync(IEnumerable<string> offerIds, CancellationToken ct)
    {
        var found = new Dictionary<string, ProductInfo>(StringComparer.Ordinal);
        foreach (var chunk in offerIds.Distinct(StringComparer.Ordinal).Chunk(quotas.PageSize))
        {
            foreach (var item in (await seller.ProductInfoAsync(new ProductInfoRequest(OfferId: chunk), ct).ConfigureAwait(false)).Items)
            {
                found[item.OfferId] = item;
            }
        }

        return found;
    }

    public static string Unknown(string offerId) => $"Ozon has no product with offer_id '{offerId}' in this shop";
}
