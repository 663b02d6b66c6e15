using System.Threading.RateLimiting;
using Marketpilot.Connectors.Ozon.Apply;
using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Pull;
using Marketpilot.Connectors.Ozon.State;
using Marketpilot.Connectors.Shared;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Ozon;

/// <summary>
/// One Ozon shop: pulls its catalog, prices, stocks, promotions, analytics and ad campaigns page by page, and applies
/// price, promotion and ad actions, each idempotency key at most once (<see cref="ActionLedger"/>).
/// </summary>
/// <remarks>
/// Every call goes through the shop's own rate limiters (Seller API per second, analytics per minute, Performance API per
/// day) and is retried on 429 and 5xx within the host's deadline. Whole-call failures (credentials refused, Ozon down)
/// throw <see cref="OzonApiException"/>; per-action refusals come back as <see cref="ActionResultStatus.Rejected"/>. A pull
/// asked to wait longer than the call sits out throws <see cref="MarketplaceRateLimitedException"/>; in an apply, the
/// actions it held up come back retryable with the wait (<see cref="ActionResult.RetryAfter"/>).
/// </remarks>
internal sealed partial class OzonConnector : IMarketplaceConnector, IDisposable
{
    private readonly OzonShopOptions _shop;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _sellerHttp;
    private readonly HttpClient _performanceHttp;
    private readonly List<RateLimiter> _limiters = [];
    private readonly ActionLedger _ledger;
    private readonly CatalogReader _catalog;
    private readonly CampaignReader? _campaigns;
    private readonly PriceWriter _prices;
    private readonly PromotionWriter _promotions;
    private readonly AdsWriter? _ads;

    public OzonConnector(OzonShopOptions shop, OzonQuotas quotas, TimeProvider time, ILogger logger, HttpMessageHandler? handler = null)
    {
        (_shop, _time, _logger) = (shop, time, logger);
        Capabilities = OzonCapabilities.For(shop);
        var redactor = new SecretRedactor(shop.Secrets);
        _sellerHttp = MarketplaceHttp.CreateClient(handler, quotas.MaxResponseBytes, shop.SellerBaseUrl);
        _performanceHttp = MarketplaceHttp.CreateClient(handler, quotas.MaxResponseBytes, shop.PerformanceBaseUrl);

        // Retries wait in real time, like the rate limiters: the shop's clock (time) only dates things.
        var sellerHttp = new OzonHttpClient("Seller API", _sellerHttp, Limiter(quotas.SellerRequestsPerSecond, TimeSpan.FromSeconds(1)), quotas, OzonJson.Seller, redactor, TimeProvider.System, logger);
        var seller = new SellerApi(sellerHttp, shop, Limiter(quotas.AnalyticsRequestsPerMinute, quotas.AnalyticsPeriod));
        var cycles = new CycleDataReader(seller, shop, quotas, time);
        var products = new ProductLookup(seller, quotas);
        _catalog = new CatalogReader(seller, cycles, shop, quotas);
        _ledger = new ActionLedger(shop.StateDirectory);
        _prices = new PriceWriter(seller, products, cycles, new PriceChangeBudget(shop.StateDirectory, quotas.PriceChangesPerHour, time), _ledger, shop, quotas, redactor, time);
        _promotions = new PromotionWriter(seller, products, cycles, redactor);
        if (shop.HasAds)
        {
            var performanceHttp = new OzonHttpClient("Performance API", _performanceHttp, Limiter(quotas.PerformanceRequestsPerDay, TimeSpan.FromDays(1)), quotas, OzonJson.Performance, redactor, TimeProvider.System, logger);
            var performance = new PerformanceApi(performanceHttp, shop, time);
            _campaigns = new CampaignReader(performance, seller, shop, quotas);
            _ads = new AdsWriter(performance, _campaigns, products);
        }
    }

    public string Marketplace => Marketplaces.Ozon;

    public ConnectorCapabilities Capabilities { get; }

    public async Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var call = MarketplaceRetryAfter.BeginCall();
        var position = PullCursor.Parse(cursor, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _shop.TimeZone).DateTime));
        var (skus, lastId, isLast) = await _catalog.ReadPageAsync(position, cancellationToken).ConfigureAwait(false);
        var campaigns = position.IsFirstPage && _campaigns is not null
            ? await _campaigns.ReadAsync(position.Date, cancellationToken).ConfigureAwait(false)
            : [];
        LogPulled(_logger, _shop.ShopId, skus.Count, campaigns.Count, position.ToString());
        return isLast
            ? new CatalogPage(skus, campaigns, PullCursor.NextCycle, HasMore: false)
            : new CatalogPage(skus, campaigns, (position with { LastId = lastId! }).ToString(), HasMore: true);
    }

    public async Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        cancellationToken.ThrowIfCancellationRequested();
        using var call = MarketplaceRetryAfter.BeginCall();
        var results = new List<ActionResult>();
        var pending = new List<ActionRequest>();
        foreach (var request in actions)
        {
            if (_ledger.TryGet(request.IdempotencyKey, out var entry))
            {
                results.Add(entry.ToResult());
            }
            else if (!Capabilities.Supports(request.Action.Kind))
            {
                results.Add(ActionOutcome.Rejected(request, Capabilities.UnsupportedReasons.GetValueOrDefault(request.Action.Kind) ?? $"the Ozon connector does not apply {request.Action.Kind}"));
            }
            else
            {
                pending.Add(request);
            }
        }

        await ApplyWithAsync(pending, k => k == ActionKind.SetPrice, _prices.ApplyAsync, results, cancellationToken).ConfigureAwait(false);
        await ApplyWithAsync(pending, k => k is ActionKind.AddToPromo or ActionKind.RemoveFromPromo, _promotions.ApplyAsync, results, cancellationToken).ConfigureAwait(false);
        if (_ads is not null)
        {
            await ApplyWithAsync(pending, k => k is ActionKind.PauseAds or ActionKind.ResumeAds or ActionKind.SetBid or ActionKind.SetBudget, _ads.ApplyAsync, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    public void Dispose()
    {
        _ledger.Dispose();
        _sellerHttp.Dispose();
        _performanceHttp.Dispose();
        _limiters.ForEach(l => l.Dispose());
    }

    /// <summary>Applies one family of actions and records its final answers in the ledger before the next family runs.</summary>
    private async Task ApplyWithAsync(
        List<ActionRequest> pending, Func<ActionKind, bool> family, Func<IReadOnlyList<ActionRequest>, CancellationToken, Task<List<ActionResult>>> apply,
        List<ActionResult> results, CancellationToken ct)
    {
        var batch = pending.Where(r => family(r.Action.Kind)).ToList();
        if (batch.Count == 0)
        {
            return;
        }

        List<ActionResult> answered;
        try
        {
            answered = await apply(batch, ct).ConfigureAwait(false);
        }
        catch (MarketplaceRateLimitedException limited)
        {
            // The family waits as Ozon asked; the other families' answers stand (and were recorded) instead of the whole
            // batch turning retryable.
            answered = [.. batch.Select(r => ActionOutcome.Wait(r, limited))];
        }

        var bySku = batch.ToDictionary(r => r.IdempotencyKey, r => r.Sku.Sku, StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        _ledger.Append([.. answered.Where(r => r.Status != ActionResultStatus.RetryableFailure)
            .Select(r => new LedgerEntry(r.IdempotencyKey, bySku.GetValueOrDefault(r.IdempotencyKey, ""), r.Status, r.Reason, r.CreatedId, now))]);
        foreach (var result in answered.Where(r => r.Status != ActionResultStatus.Applied))
        {
            LogNotApplied(_logger, _shop.ShopId, result.IdempotencyKey, result.Status, result.Reason);
        }

        results.AddRange(answered);
    }

    private TokenBucketRateLimiter Limiter(int permits, TimeSpan period)
    {
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _limiters.Add(limiter);
        return limiter;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ozon shop {ShopId}: pulled {Skus} SKU and {Campaigns} campaign snapshot(s) at {Cursor}")]
    private static partial void LogPulled(ILogger logger, string shopId, int skus, int campaigns, string cursor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ozon shop {ShopId}: action {ActionId} {Status}: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string shopId, string actionId, ActionResultStatus status, string? reason);
}
