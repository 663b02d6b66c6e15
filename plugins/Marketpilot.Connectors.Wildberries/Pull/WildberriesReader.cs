using System.Globalization;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Wire;

namespace Marketpilot.Connectors.Wildberries.Pull;

/// <summary>The read methods the connector uses, one per WB endpoint, each paged to its end and chunked at its documented limit.</summary>
internal sealed class WildberriesReader(WildberriesApi api, WildberriesSettings settings)
{
    public const int CardsPageSize = 100;
    private const int PriceReadLimit = 1000;
    private const int AdvertDetailsLimit = 50;
    private const int PromotionsPageSize = 100;
    private const int NomenclaturesPageSize = 1000;

    public async Task<CardsListResponse> ReadCardsAsync(PullCursor? cursor, CancellationToken cancellationToken)
    {
        var request = new CardsListRequest(new CardsListSettings(
            new CardsSort(Ascending: true),
            new CardsFilter(WithPhoto: -1),
            new CardsCursor(CardsPageSize, cursor?.UpdatedAt, cursor?.NmId)));
        var response = await api.PostAsync(WildberriesMethodGroup.Content, settings.ContentBaseUrl, "/content/v2/get/cards/list?locale=ru", request, cancellationToken).ConfigureAwait(false);
        return Success(response).Read<CardsListResponse>();
    }

    /// <summary>Current prices by WB article; an article WB does not list is absent from the result.</summary>
    public async Task<Dictionary<long, Goods>> ReadPricesAsync(IReadOnlyCollection<long> nmIds, CancellationToken cancellationToken)
    {
        var prices = new Dictionary<long, Goods>();
        foreach (var chunk in nmIds.Distinct().Chunk(PriceReadLimit))
        {
            var response = await api.PostAsync(WildberriesMethodGroup.Prices, settings.PricesBaseUrl, "/api/v2/list/goods/filter", new GoodsFilterRequest(chunk), cancellationToken).ConfigureAwait(false);
            foreach (var goods in Success(response).Read<GoodsFilterResponse>().Data?.ListGoods ?? [])
            {
                prices[goods.NmId] = goods;
            }
        }

        return prices;
    }

    public async Task<Dictionary<long, FunnelProduct>> ReadFunnelAsync(IReadOnlyList<long> nmIds, DateOnly day, CancellationToken cancellationToken)
    {
        var request = new FunnelRequest(Period(day, day), Period(day.AddDays(-1), day.AddDays(-1)), nmIds, SkipDeletedNm: true, Limit: nmIds.Count, Offset: 0);
        var response = await api.PostAsync(WildberriesMethodGroup.Analytics, settings.AnalyticsBaseUrl, "/api/analytics/v3/sales-funnel/products", request, cancellationToken).ConfigureAwait(false);
        return (Success(response).Read<FunnelResponse>().Data?.Products ?? []).ToDictionary(p => p.Product.NmId);
    }

    /// <summary>Units returned on <paramref name="day"/> per WB article: the day's sales report rows whose <c>saleID</c> starts with R.</summary>
    public async Task<Dictionary<long, long>> ReadReturnsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = await api.GetAsync(WildberriesMethodGroup.Statistics, settings.StatisticsBaseUrl, $"/api/v1/supplier/sales?dateFrom={date}&flag=1", cancellationToken).ConfigureAwait(false);
        return Success(response).Read<List<SaleRow>>()
            .Where(r => r.SaleId is not null && r.SaleId.StartsWith('R') && (r.Date ?? "").StartsWith(date, StringComparison.Ordinal))
            .GroupBy(r => r.NmId)
            .ToDictionary(g => g.Key, g => (long)g.Count());
    }

    public async Task<List<Promotion>> ReadPromotionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = Uri.EscapeDataString(now.UtcDateTime.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(now.UtcDateTime.AddDays(90).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var promotions = new List<Promotion>();
        for (var offset = 0; ; offset += PromotionsPageSize)
        {
            var response = await api.GetAsync(WildberriesMethodGroup.Calendar, settings.CalendarBaseUrl,
                $"/api/v1/calendar/promotions?startDateTime={from}&endDateTime={to}&allPromo=true&limit={PromotionsPageSize}&offset={offset}", cancellationToken).ConfigureAwait(false);
            var page = Success(response).Read<PromotionsResponse>().Data?.Promotions ?? [];
            promotions.AddRange(page);
            if (page.Count < PromotionsPageSize)
            {
                return promotions;
            }
        }
    }

    /// <summary>The articles taking part in a regular promotion (WB does not list those of an <c>auto</c> one).</summary>
    public async Task<List<long>> ReadPromotionMembersAsync(long promotionId, CancellationToken cancellationToken)
    {
        var members = new List<long>();
        for (var offset = 0; ; offset += NomenclaturesPageSize)
        {
            var response = await api.GetAsync(WildberriesMethodGroup.Calendar, settings.CalendarBaseUrl,
                $"/api/v1/calendar/promotions/nomenclatures?promotionID={promotionId}&inAction=true&limit={NomenclaturesPageSize}&offset={offset}", cancellationToken).ConfigureAwait(false);
            var page = Success(response).Read<NomenclaturesResponse>().Data?.Nomenclatures ?? [];
            members.AddRange(page.Where(n => n.InAction).Select(n => n.Id));
            if (page.Count < NomenclaturesPageSize)
            {
                return members;
            }
        }
    }

    public async Task<List<Advert>> ReadAdvertsAsync(CancellationToken cancellationToken)
    {
        var count = await api.GetAsync(WildberriesMethodGroup.Advert, settings.AdvertBaseUrl, "/adv/v1/promotion/count", cancellationToken).ConfigureAwait(false);
        var ids = (Success(count).Read<AdvertCountResponse>().Adverts ?? [])
            .SelectMany(g => g.AdvertList ?? []).Select(a => a.AdvertId).Distinct().Order().ToList();
        var adverts = new List<Advert>();
        foreach (var chunk in ids.Chunk(AdvertDetailsLimit))
        {
            var response = await api.GetAsync(WildberriesMethodGroup.Advert, settings.AdvertBaseUrl,
                $"/api/advert/v2/adverts?ids={string.Join(',', chunk)}", cancellationToken).ConfigureAwait(false);
            adverts.AddRange(Success(response).Read<AdvertsResponse>().Adverts ?? []);
        }

        return adverts;
    }

    /// <summary>
    /// Adds to <paramref name="stats"/> the day's totals of the campaigns WB keeps statistics for (finished, active,
    /// paused), except those in <paramref name="asked"/>, to which each chunk is added once its answer is in.
    /// </summary>
    public async Task ReadAdvertStatsAsync(IEnumerable<Advert> adverts, DateOnly day, Dictionary<long, FullStats> stats, HashSet<long> asked, CancellationToken cancellationToken)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var chunk in adverts.Where(a => a.Status is 7 or 9 or 11 && !asked.Contains(a.Id)).Select(a => a.Id).Chunk(AdvertDetailsLimit))
        {
            var response = await api.GetAsync(WildberriesMethodGroup.AdvertStats, settings.AdvertBaseUrl,
                $"/adv/v3/fullstats?ids={string.Join(',', chunk)}&beginDate={date}&endDate={date}", cancellationToken).ConfigureAwait(false);
            foreach (var row in Success(response).Read<List<FullStats>>())
            {
                stats[row.AdvertId] = row;
            }

            asked.UnionWith(chunk);
        }
    }

    private static DatePeriod Period(DateOnly start, DateOnly end) =>
        new(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static ApiResponse Success(ApiResponse response) => response.IsSuccess
        ? response
        : throw new WildberriesApiException($"Wildberries answered {response.Endpoint} with {(int)response.Status}: {response.ErrorText()}");
}
