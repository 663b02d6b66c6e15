using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Simulator;

/// <summary>
/// A synthetic marketplace shop: SKUs, promotions, ad campaigns and coupons whose daily traffic and sales
/// respond to prices and to the actions applied to them.
/// </summary>
/// <remarks>
/// Pure and deterministic: there is no clock, and every random draw comes from
/// <see cref="SimulatorOptions.Seed"/>, the day and the SKU or campaign, so the same seed and the same
/// actions in the same order give the same series. Not thread-safe; <see cref="SimulatorConnector"/> serializes calls.
/// </remarks>
public sealed partial class SimulatedShop
{
    private const int ReturnDelayDays = 3;
    private const double AdImpressionShare = 0.5;
    private const double AdCtrLift = 1.2;
    private const double DemandSmoothing = 0.25;

    private readonly SimulatorOptions _options;
    private readonly List<SimulatedSku> _skus = [];
    private readonly Dictionary<string, SimulatedSku> _skuById = new(StringComparer.Ordinal);
    private readonly List<SimulatedCampaign> _campaigns = [];
    private readonly List<SimulatedCoupon> _coupons = [];
    private readonly Dictionary<string, SimulatedPromotion> _promotions = PromotionCatalog.ToDictionary(p => p.Id, StringComparer.Ordinal);
    private string? _createdId;

    /// <summary>Creates the shop and its catalog from <see cref="SimulatorOptions.Seed"/>.</summary>
    /// <param name="options">The seed, the number of SKUs and the shop id.</param>
    /// <param name="startDate">The date of day 0.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SimulatedShop(SimulatorOptions options, DateOnly startDate)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        StartDate = startDate;

        var random = new Random(options.Seed);
        for (var i = 0; i < options.SkuCount; i++)
        {
            var sku = CreateSku(random, i);
            _skus.Add(sku);
            _skuById.Add(sku.Id, sku);
        }

        Populate(random);
    }

    /// <summary>The date of day 0.</summary>
    public DateOnly StartDate { get; }

    /// <summary>The shop id stamped on every snapshot.</summary>
    public string ShopId => _options.ShopId;

    /// <summary>How many days were simulated; the next <see cref="SimulateDay"/> simulates the day with this index.</summary>
    public int DayIndex { get; private set; }

    /// <summary>The SKU ids, in catalog order.</summary>
    public IReadOnlyList<string> SkuIds => _skus.ConvertAll(s => s.Id);

    /// <summary>The ad campaign ids.</summary>
    public IReadOnlyList<string> CampaignIds => _campaigns.ConvertAll(c => c.Id);

    /// <summary>The promotion ids SKUs can join.</summary>
    public IReadOnlyList<string> PromotionIds => [.. _promotions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Simulates the next day and advances <see cref="DayIndex"/>.</summary>
    /// <returns>Every SKU and campaign with the day's counts, dated <see cref="StartDate"/> + the day's index.</returns>
    /// <remarks>
    /// Impressions come from search (more in a promotion) and from active ad campaigns (reach grows with the bid,
    /// spend stops at the daily budget); clicks follow each SKU's CTR; orders follow its conversion, scaled by
    /// (buyer's price / base price)^-elasticity, where the buyer's price includes promotion and coupon discounts,
    /// and are capped by stock. Returns come back a few days after the orders. Stock is refilled periodically.
    /// </remarks>
    public SimulatedDay SimulateDay()
    {
        var day = DayIndex;
        var date = StartDate.AddDays(day);
        var daySeed = SimulationRandom.DaySeed(_options.Seed, day);

        var adImpressions = new Dictionary<string, long>(StringComparer.Ordinal);
        var adClicks = new Dictionary<(string Campaign, string Sku), long>();
        for (var c = 0; c < _campaigns.Count; c++)
        {
            BuyAds(_campaigns[c], new Random(SimulationRandom.DaySeed(daySeed, -1 - c)), adImpressions, adClicks);
        }

        var skuAdClicks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ((_, sku), clicks) in adClicks)
        {
            skuAdClicks[sku] = skuAdClicks.GetValueOrDefault(sku) + clicks;
        }

        var skuSnapshots = new List<SkuSnapshot>(_skus.Count);
        var results = new Dictionary<string, SkuDayResult>(StringComparer.Ordinal);
        for (var i = 0; i < _skus.Count; i++)
        {
            var sku = _skus[i];
            var random = new Random(SimulationRandom.DaySeed(daySeed, i));
            var result = SimulateSku(sku, day, random, adImpressions.GetValueOrDefault(sku.Id), skuAdClicks.GetValueOrDefault(sku.Id));
            results.Add(sku.Id, result);
            skuSnapshots.Add(ToSnapshot(sku, result, date));
        }

        var campaignSnapshots = new List<CampaignSnapshot>();
        campaignSnapshots.AddRange(_campaigns.Select(c => AdSnapshot(c, date, results, adClicks)));
        campaignSnapshots.AddRange(PromotionSnapshots(date, results));
        campaignSnapshots.AddRange(CouponSnapshots(day, date, results));

        DayIndex++;
        return new SimulatedDay(day, date, skuSnapshots, campaignSnapshots);
    }

    private void BuyAds(SimulatedCampaign campaign, Random random, Dictionary<string, long> impressions, Dictionary<(string, string), long> clicks)
    {
        if (campaign.Status != CampaignStatus.Active || campaign.Bid <= 0 || campaign.Budget <= 0)
        {
            return;
        }

        var reach = Math.Pow((double)(campaign.Bid / campaign.ReferenceBid), 0.8) * AdImpressionShare;
        var potential = campaign.Skus.Select(id => _skuById[id]).Select(s => (Sku: s, Impressions: s.BaseImpressions * reach)).ToList();
        var expectedClicks = potential.Sum(p => p.Impressions * p.Sku.Ctr * AdCtrLift);
        var affordableClicks = (double)(campaign.Budget / campaign.Bid);
        var scale = expectedClicks > affordableClicks ? affordableClicks / expectedClicks : 1.0;

        var budgetClicks = (long)Math.Floor(affordableClicks);
        foreach (var (sku, mean) in potential)
        {
            var shown = random.Poisson(mean * scale);
            var clicked = Math.Min(random.Binomial(shown, Math.Min(1, sku.Ctr * AdCtrLift)), budgetClicks);
            budgetClicks -= clicked;
            impressions[sku.Id] = impressions.GetValueOrDefault(sku.Id) + shown;
            clicks[(campaign.Id, sku.Id)] = clicked;
        }
    }

    private SkuDayResult SimulateSku(SimulatedSku sku, int day, Random random, long adImpressions, long adClicks)
    {
        var promotion = sku.Promotions.Select(id => _promotions[id]).MaxBy(p => p.Discount);
        var coupon = ActiveCoupon(sku.Id, day);
        var buyerPrice = sku.Price * (1m - (promotion?.Discount ?? 0m)) * (1m - (coupon?.Discount ?? 0m));
        var priceFactor = Math.Clamp(Math.Pow((double)(buyerPrice / sku.BasePrice), -sku.Elasticity), 0.02, 10);

        var weekly = 1 + (0.1 * Math.Sin(2 * Math.PI * day / 7.0));
        var noise = Math.Exp(0.15 * random.Gaussian());
        var organicImpressions = random.Poisson(sku.BaseImpressions * (promotion?.ImpressionBoost ?? 1.0) * weekly * noise);
        var organicClicks = random.Binomial(organicImpressions, sku.Ctr);
        var clicks = organicClicks + adClicks;

        var conversion = Math.Min(0.9, sku.Conversion * priceFactor);
        var wanted = random.Binomial(clicks, conversion);
        var addToCart = wanted + random.Binomial(clicks - wanted, Math.Min(0.9, conversion * 1.5));
        var orders = Math.Min(wanted, sku.Stock);
        sku.Stock -= (int)orders;

        var returns = sku.RecentOrders.Count == ReturnDelayDays ? random.Binomial(sku.RecentOrders.Dequeue(), sku.ReturnRate) : 0;
        sku.RecentOrders.Enqueue(orders);
        sku.Stock += (int)returns;

        sku.AvgDailyDemand = ((1 - DemandSmoothing) * sku.AvgDailyDemand) + (DemandSmoothing * wanted);
        if ((day + sku.RestockPhase) % sku.RestockEvery == 0 && sku.Stock < Math.Max(sku.BaseDemand, sku.AvgDailyDemand) * 10)
        {
            // The seller reorders for the demand they see now, not only for the demand the SKU was listed with.
            sku.Stock = Math.Max(sku.Stock, Math.Max(sku.RestockTo, (int)(sku.AvgDailyDemand * sku.RestockEvery * 1.5)));
        }
        return new SkuDayResult(organicImpressions + adImpressions, clicks, addToCart, orders, returns, adClicks, buyerPrice, promotion?.Id, coupon);
    }

    private SkuSnapshot ToSnapshot(SimulatedSku sku, SkuDayResult day, DateOnly date) => new()
    {
        Marketplace = Marketplaces.Simulator,
        ShopId = _options.ShopId,
        Sku = sku.Id,
        Title = sku.Title,
        Category = sku.Category,
        Price = sku.Price,
        Cost = sku.Cost,
        MinPrice = sku.MinPrice,
        Stock = sku.Stock,
        AvgDailyDemand = Math.Round(sku.AvgDailyDemand, 2),
        Impressions = day.Impressions,
        Clicks = day.Clicks,
        AddToCart = day.AddToCart,
        Orders = day.Orders,
        Returns = day.Returns,
        Revenue = decimal.Round(day.Orders * day.BuyerPrice, 2),
        TrafficSource = day.AdClicks * 2 > day.Clicks && day.AdClicks > 0 ? "ads" : day.Promotion is null ? "search" : "promotion",
        CardStatus = sku.Stock == 0 ? "out-of-stock" : "active",
        ListedAt = new DateTimeOffset(sku.ListedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Date = date,
        Promotions = [.. sku.Promotions],
        Tags = sku.Tags,
    };

    private CampaignSnapshot AdSnapshot(SimulatedCampaign campaign, DateOnly date, Dictionary<string, SkuDayResult> results, Dictionary<(string Campaign, string Sku), long> adClicks)
    {
        long clicks = 0, orders = 0;
        decimal revenue = 0;
        foreach (var id in campaign.Skus)
        {
            var bought = adClicks.GetValueOrDefault((campaign.Id, id));
            var result = results[id];
            var attributed = result.Clicks == 0 ? 0 : (long)Math.Round((double)result.Orders * bought / result.Clicks);
            clicks += bought;
            orders += attributed;
            revenue += attributed * result.BuyerPrice;
        }

        var reach = campaign.Status == CampaignStatus.Active
            ? campaign.Skus.Sum(id => (long)Math.Round(adClicks.GetValueOrDefault((campaign.Id, id)) / (_skuById[id].Ctr * AdCtrLift)))
            : 0;

        return new CampaignSnapshot
        {
            Marketplace = Marketplaces.Simulator,
            ShopId = _options.ShopId,
            CampaignId = campaign.Id,
            Name = campaign.Name,
            Kind = CampaignKind.Ad,
            Status = campaign.Status,
            Budget = campaign.Budget,
            Bid = campaign.Bid,
            Spend = Math.Min(campaign.Budget, clicks * campaign.Bid),
            Revenue = Math.Round(revenue, 2),
            Impressions = reach,
            Clicks = clicks,
            Orders = orders,
            AveragePosition = campaign.Status == CampaignStatus.Active && clicks > 0 ? AveragePosition(campaign, date) : null,
            Skus = campaign.Skus,
            Date = date,
        };
    }

    // Where the ad shows: about 8th at the reference bid, higher (smaller) with a higher bid, and pushed around by the
    // day's competition (0.8x to 1.2x, a stable hash of campaign and day, so the simulation's random stream is untouched).
    private static decimal AveragePosition(SimulatedCampaign campaign, DateOnly date)
    {
        var competition = 0.8 + (0.4 * ((uint)SimulationRandom.DaySeed(SimulationRandom.StableHash(campaign.Id) ^ 0x5EED, date.DayNumber) / (double)uint.MaxValue));
        var position = 8 * competition * Math.Pow((double)(campaign.ReferenceBid / campaign.Bid), 1.2);
        return Math.Clamp(decimal.Round((decimal)position, 1), 1m, 40m);
    }

    private IEnumerable<CampaignSnapshot> PromotionSnapshots(DateOnly date, Dictionary<string, SkuDayResult> results)
    {
        foreach (var promotion in _promotions.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var members = _skus.Where(s => s.Promotions.Contains(promotion.Id)).Select(s => s.Id).ToList();
            var days = members.Select(id => results[id]).ToList();
            yield return new CampaignSnapshot
            {
                Marketplace = Marketplaces.Simulator,
                ShopId = _options.ShopId,
                CampaignId = promotion.Id,
                Name = promotion.Name,
                Kind = CampaignKind.Promotion,
                Status = CampaignStatus.Active,
                Revenue = Math.Round(days.Sum(d => d.Orders * d.BuyerPrice), 2),
                Impressions = days.Sum(d => d.Impressions),
                Clicks = days.Sum(d => d.Clicks),
                Orders = days.Sum(d => d.Orders),
                Skus = members,
                Date = date,
            };
        }
    }

    private IEnumerable<CampaignSnapshot> CouponSnapshots(int day, DateOnly date, Dictionary<string, SkuDayResult> results)
    {
        foreach (var coupon in _coupons.Where(c => c.IsActiveOn(day) || c.UntilDay == day))
        {
            var result = results[coupon.Sku];
            var used = ReferenceEquals(result.Coupon, coupon);
            var orders = used ? result.Orders : 0;
            yield return new CampaignSnapshot
            {
                Marketplace = Marketplaces.Simulator,
                ShopId = _options.ShopId,
                CampaignId = coupon.Id,
                Name = $"{coupon.Discount:P0} off {coupon.Sku}",
                Kind = CampaignKind.Coupon,
                Status = coupon.IsActiveOn(day) ? CampaignStatus.Active : CampaignStatus.Ended,
                Spend = used ? Math.Round(orders * result.BuyerPrice / (1m - coupon.Discount) * coupon.Discount, 2) : 0m,
                Revenue = used ? Math.Round(orders * result.BuyerPrice, 2) : 0m,
                Clicks = used ? result.Clicks : 0,
                Orders = orders,
                Skus = [coupon.Sku],
                Date = date,
            };
        }
    }

    private SimulatedCoupon? ActiveCoupon(string sku, int day) =>
        _coupons.Where(c => c.Sku == sku && c.IsActiveOn(day)).MaxBy(c => c.Discount);

    // Ids follow the order coupons are created in, so replaying the same actions in the same order gives the same ids.
    private string AddCoupon(string sku, decimal discount, int fromDay, int days)
    {
        var id = $"coupon-{_coupons.Count + 1:D4}";
        _coupons.Add(new SimulatedCoupon(id, sku, discount, fromDay, fromDay + Math.Max(1, days)));
        return id;
    }

    private sealed record SkuDayResult(
        long Impressions, long Clicks, long AddToCart, long Orders, long Returns, long AdClicks, decimal BuyerPrice, string? Promotion, SimulatedCoupon? Coupon);
}
