using System.Globalization;
using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Wire;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>
/// Reads the shop's ad campaigns from the Performance API: the campaign list, each pay-per-click campaign's SKUs and bids,
/// and the day's per-SKU statistics (<c>/api/client/statistics/products/sku</c>, which spends none of the report quota).
/// </summary>
internal sealed class CampaignReader(PerformanceApi performance, SellerApi seller, OzonShopOptions shop, OzonQuotas quotas)
{
    private const int CampaignPageSize = 100;
    private const int CampaignsPerStatisticsCall = 10;

    public async Task<IReadOnlyList<AdCampaign>> ListAsync(CancellationToken ct)
    {
        var campaigns = new List<AdCampaign>();
        for (var page = 1; ; page++)
        {
            var list = (await performance.CampaignsAsync(page, CampaignPageSize, ct).ConfigureAwait(false)).List;
            campaigns.AddRange(list);
            if (list.Count < CampaignPageSize)
            {
                return campaigns;
            }
        }
    }

    public async Task<IReadOnlyList<CampaignProduct>> ProductsAsync(string campaignId, CancellationToken ct)
    {
        var products = new List<CampaignProduct>();
        for (var page = 1; ; page++)
        {
            var list = (await performance.CampaignProductsAsync(campaignId, page, CampaignPageSize, ct).ConfigureAwait(false)).Products;
            products.AddRange(list);
            if (list.Count < CampaignPageSize)
            {
                return products;
            }
        }
    }

    public async Task<IReadOnlyList<CampaignSnapshot>> ReadAsync(DateOnly date, CancellationToken ct)
    {
        var campaigns = await ListAsync(ct).ConfigureAwait(false);
        var products = new Dictionary<string, IReadOnlyList<CampaignProduct>>();
        foreach (var campaign in campaigns.Where(c => c.AdvObjectType == "SKU"))
        {
            products[campaign.Id] = await ProductsAsync(campaign.Id, ct).ConfigureAwait(false);
        }

        var offerIds = await OfferIdsAsync(products.Values.SelectMany(p => p).Select(p => p.Sku).Distinct().ToList(), ct).ConfigureAwait(false);
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<SkuStatisticsRow>();
        foreach (var chunk in campaigns.Select(c => c.Id).Chunk(CampaignsPerStatisticsCall))
        {
            rows.AddRange((await performance.SkuStatisticsAsync(new SkuStatisticsRequest(chunk, day, day), ct).ConfigureAwait(false)).Rows);
        }

        var stats = rows.GroupBy(r => r.CampaignId).ToDictionary(g => g.Key, g => g.ToList());
        return [.. campaigns.Select(c => Snapshot(c, products.GetValueOrDefault(c.Id) ?? [], stats.GetValueOrDefault(c.Id) ?? [], offerIds, date))];
    }

    /// <summary>Maps Ozon storefront SKUs to the seller's offer ids, the SKU ids Marketpilot uses.</summary>
    public async Task<Dictionary<string, string>> OfferIdsAsync(IReadOnlyList<string> storefrontSkus, CancellationToken ct)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in storefrontSkus.Chunk(quotas.PageSize))
        {
            foreach (var item in (await seller.ProductInfoAsync(new ProductInfoRequest(Sku: chunk), ct).ConfigureAwait(false)).Items)
            {
                map[item.Sku.ToString(CultureInfo.InvariantCulture)] = item.OfferId;
            }
        }

        return map;
    }

    private CampaignSnapshot Snapshot(AdCampaign campaign, IReadOnlyList<CampaignProduct> products, List<SkuStatisticsRow> rows, Dictionary<string, string> offerIds, DateOnly date)
    {
        var bids = products.Select(p => OzonMoney.FromMicroString(p.Bid)).Where(b => b > 0).ToList();
        return new CampaignSnapshot
        {
            Marketplace = Marketplaces.Ozon,
            ShopId = shop.ShopId,
            CampaignId = campaign.Id,
            Name = campaign.Title,
            Kind = CampaignKind.Ad,
            Status = AdCampaigns.Status(campaign.State),
            Budget = AdCampaigns.DailyBudget(campaign),
            Bid = bids.Count > 0 ? decimal.Round(bids.Average(), 2) : 0m,
            Spend = rows.Sum(r => r.Expense),
            Revenue = rows.Sum(r => r.Sales),
            Impressions = rows.Sum(r => r.Views),
            Clicks = rows.Sum(r => r.Clicks),
            Orders = rows.Sum(r => r.Orders),
            Skus = [.. products.Select(p => offerIds.GetValueOrDefault(p.Sku)).OfType<string>()],
            Date = date,
        };
    }
}
