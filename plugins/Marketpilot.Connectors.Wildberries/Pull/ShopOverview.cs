using Marketpilot.Connectors.Wildberries.Wire;

namespace Marketpilot.Connectors.Wildberries.Pull;

/// <summary>
/// What every page of a sweep needs besides its own cards: the promotions calendar and who is in each promotion, the ad
/// campaigns, and the day's returns. Read once and reused for <see cref="WildberriesSettings.OverviewLifetime"/>, since
/// these methods have low quotas (statistics: 1 a minute).
/// </summary>
internal sealed record ShopOverview(
    DateOnly Day,
    DateTimeOffset ReadAt,
    IReadOnlyList<Promotion> Promotions,
    IReadOnlyDictionary<long, IReadOnlyList<string>> PromotionsByNm,
    IReadOnlyDictionary<long, IReadOnlyList<long>> MembersByPromotion,
    IReadOnlyList<Advert> Adverts,
    IReadOnlyDictionary<long, FullStats> AdvertStats,
    IReadOnlyDictionary<long, long> ReturnsByNm);
