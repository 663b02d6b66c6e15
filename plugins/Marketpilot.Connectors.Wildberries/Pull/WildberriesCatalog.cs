using System.Globalization;
using Marketpilot.Connectors.Wildberries.Wire;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Connectors.Wildberries.Pull;

/// <summary>
/// Builds the pages of a sweep: 100 cards each (WB's page size) with their prices, the funnel's counts and stock, the
/// day's returns and promotion membership; the first page also carries the campaigns.
/// </summary>
internal sealed class WildberriesCatalog(WildberriesReader reader, ShopConnection shop, WildberriesSettings settings, TimeProvider time)
{
    public const string PromotionPrefix = "promotion-";

    private readonly SemaphoreSlim _overviewGate = new(1, 1);
    private readonly TimeZoneInfo _zone = FindZone(shop.TimeZone);
    private ShopOverview? _overview;
    private OverviewProgress? _progress;

    /// <summary>Today in the shop's time zone: the day WB's statistics (Moscow time) and the snapshots belong to.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    public async Task<CatalogPage> ReadPageAsync(string? cursorText, CancellationToken cancellationToken)
    {
        var cursor = PullCursor.Parse(cursorText);
        var cards = await reader.ReadCardsAsync(cursor, cancellationToken).ConfigureAwait(false);
        var list = cards.Cards ?? [];
        var overview = await GetOverviewAsync(cancellationToken).ConfigureAwait(false);
        var skus = list.Count == 0 ? [] : await SnapshotsAsync(list, overview, cancellationToken).ConfigureAwait(false);
        var campaigns = cursor is null ? Campaigns(overview) : [];

        // WB's rule: the list is done when a page holds fewer cards than asked for.
        var hasMore = list.Count >= WildberriesReader.CardsPageSize && cards.Cursor is { UpdatedAt: not null, NmId: not null };
        var next = hasMore ? new PullCursor(cards.Cursor!.UpdatedAt!, cards.Cursor.NmId!.Value).ToString() : null;
        return new CatalogPage(skus, campaigns, next, hasMore);
    }

    public async Task<ShopOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = Today;
        if (_overview is { } fresh && fresh.Day == day && now - fresh.ReadAt < settings.OverviewLifetime)
        {
            return fresh;
        }

        await _overviewGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_overview is { } again && again.Day == day && now - again.ReadAt < settings.OverviewLifetime)
            {
                return again;
            }

            _overview = await ReadOverviewAsync(now, day, cancellationToken).ConfigureAwait(false);
            return _overview;
        }
        finally
        {
            _overviewGate.Release();
        }
    }

    /// <summary>Forgets the overview, so the next page reads promotions and campaigns again (after an action changed them).</summary>
    public void Invalidate() => (_overview, _progress) = (null, null);

    private async Task<ShopOverview> ReadOverviewAsync(DateTimeOffset now, DateOnly day, CancellationToken cancellationToken)
    {
        var progress = _progress is { } kept && kept.IsCurrent(day, now, settings.OverviewLifetime) ? kept : new OverviewProgress(day, now);
        _progress = progress;
        var promotions = await reader.ReadPromotionsAsync(now, cancellationToken).ConfigureAwait(false);
        var members = new Dictionary<long, IReadOnlyList<long>>();
        foreach (var promotion in promotions.Where(p => p.Type != "auto" && p.EndDateTime > now))
        {
            if (!progress.Members.TryGetValue(promotion.Id, out var read))
            {
                progress.Members[promotion.Id] = read = await reader.ReadPromotionMembersAsync(promotion.Id, cancellationToken).ConfigureAwait(false);
            }

            members[promotion.Id] = read;
        }

        var byNm = members
            .SelectMany(m => m.Value.Select(nm => (nm, Id: PromotionPrefix + m.Key.ToString(CultureInfo.InvariantCulture))))
            .GroupBy(x => x.nm)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.Id).Order(StringComparer.Ordinal)]);
        var adverts = await reader.ReadAdvertsAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAdvertStatsAsync(adverts, day, progress.AdvertStats, progress.AdvertStatsAsked, cancellationToken).ConfigureAwait(false);
        var returns = await reader.ReadReturnsAsync(day, cancellationToken).ConfigureAwait(false);
        _progress = null;
        return new ShopOverview(day, progress.StartedAt, promotions, byNm, members, adverts, progress.AdvertStats, returns);
    }

    private async Task<List<SkuSnapshot>> SnapshotsAsync(IReadOnlyList<Card> cards, ShopOverview overview, CancellationToken cancellationToken)
    {
        var nmIds = cards.Select(c => c.NmId).ToList();
        var prices = await reader.ReadPricesAsync(nmIds, cancellationToken).ConfigureAwait(false);
        var funnel = await reader.ReadFunnelAsync(nmIds, overview.Day, cancellationToken).ConfigureAwait(false);
        var snapshots = new List<SkuSnapshot>(cards.Count);
        foreach (var card in cards)
        {
            // A card WB has no price for yet is not on sale; the host takes no snapshot without a price.
            if (!prices.TryGetValue(card.NmId, out var goods) || SellingPrice(goods) is not { } price || price <= 0)
            {
                continue;
            }

            funnel.TryGetValue(card.NmId, out var product);
            var today = product?.Statistic.Selected;
            var clicks = today?.OpenCount ?? 0;
            snapshots.Add(new SkuSnapshot
            {
                Marketplace = Marketplaces.Wildberries,
                ShopId = shop.ShopId,
                Sku = card.NmId.ToString(CultureInfo.InvariantCulture),
                Title = card.Title,
                Category = card.SubjectName,
                Price = price,
                Stock = (int)Math.Min(int.MaxValue, (product?.Product.Stocks?.Wb ?? 0) + (product?.Product.Stocks?.Mp ?? 0)),
                AvgDailyDemand = product?.Statistic.Past?.AvgOrdersCountPerDay is { } demand && double.IsFinite(demand) && demand >= 0 ? demand : 0,
                Clicks = clicks,
                // WB counts a cart or an order without a card open (from the catalogue, a repeat order); the host's funnel does not.
                AddToCart = Math.Min(today?.CartCount ?? 0, clicks),
                Orders = Math.Min(today?.OrderCount ?? 0, clicks),
                Returns = overview.ReturnsByNm.GetValueOrDefault(card.NmId),
                CardStatus = "active",
                ListedAt = card.CreatedAt,
                Date = overview.Day,
                Promotions = overview.PromotionsByNm.GetValueOrDefault(card.NmId) ?? [],
            });
        }

        return snapshots;
    }

    private List<CampaignSnapshot> Campaigns(ShopOverview overview)
    {
        var now = overview.ReadAt;
        var campaigns = new List<CampaignSnapshot>();
        foreach (var promotion in overview.Promotions)
        {
            campaigns.Add(new CampaignSnapshot
            {
                Marketplace = Marketplaces.Wildberries,
                ShopId = shop.ShopId,
                CampaignId = PromotionPrefix + promotion.Id.ToString(CultureInfo.InvariantCulture),
                Name = promotion.Name,
                Kind = CampaignKind.Promotion,
                Status = now < promotion.StartDateTime ? CampaignStatus.Paused : now < promotion.EndDateTime ? CampaignStatus.Active : CampaignStatus.Ended,
                Skus = [.. (overview.MembersByPromotion.GetValueOrDefault(promotion.Id) ?? []).Select(nm => nm.ToString(CultureInfo.InvariantCulture))],
                Date = overview.Day,
            });
        }

        foreach (var advert in overview.Adverts)
        {
            overview.AdvertStats.TryGetValue(advert.Id, out var stats);
            campaigns.Add(new CampaignSnapshot
            {
                Marketplace = Marketplaces.Wildberries,
                ShopId = shop.ShopId,
                CampaignId = advert.Id.ToString(CultureInfo.InvariantCulture),
                Name = advert.Settings?.Name,
                Kind = CampaignKind.Ad,
                Status = AdvertStatus(advert.Status),
                Bid = Bid(advert),
                Spend = stats?.Sum ?? 0,
                Revenue = stats?.SumPrice ?? 0,
                Impressions = stats?.Views ?? 0,
                Clicks = Math.Min(stats?.Clicks ?? 0, stats?.Views ?? 0),
                Orders = stats?.Orders ?? 0,
                Skus = [.. (advert.NmSettings ?? []).Select(n => n.NmId.ToString(CultureInfo.InvariantCulture))],
                Date = overview.Day,
            });
        }

        return campaigns;
    }

    /// <summary>The buyer-facing seller price: the first size's price after the seller's discount (WB's <c>discountedPrice</c>).</summary>
    public static decimal? SellingPrice(Goods goods) => goods.Sizes is { Count: > 0 } sizes ? sizes[0].DiscountedPrice : null;

    public static CampaignStatus AdvertStatus(int status) => status switch
    {
        9 => CampaignStatus.Active,
        4 or 11 => CampaignStatus.Paused,
        _ => CampaignStatus.Ended,
    };

    // WB bids are kopecks per placement; the campaign's bid is the highest of its items' bids, in roubles.
    private static decimal Bid(Advert advert) =>
        (advert.NmSettings ?? []).Select(n => Math.Max(n.BidsKopecks?.Search ?? 0, n.BidsKopecks?.Recommendations ?? 0)).DefaultIfEmpty(0).Max() / 100m;

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"TimeZone '{id}' is not a time zone this machine knows (use an IANA id such as Europe/Moscow).", nameof(id));
        }
    }
}
