using System.Globalization;
using Marketpilot.Connectors.Shared;
using Marketpilot.Connectors.Wildberries.Apply;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Pull;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Wildberries;

/// <summary>
/// One Wildberries shop: pulls its cards with prices, funnel counts, stock, returns, promotions and ad campaigns, and
/// applies price changes, promotion entries, ad pauses and resumes and bid changes.
/// </summary>
/// <remarks>
/// Thread-safe. Every action's idempotency key is looked up in the shop's ledger first; a key answered before is answered
/// the same way again and never sent to Wildberries. A refused token throws <see cref="WildberriesAuthorizationException"/>
/// from the whole call; other failures of one group of actions make those actions retryable, with the wait WB asked for
/// (<see cref="ActionResult.RetryAfter"/>) when it rate-limited the group.
/// </remarks>
public sealed partial class WildberriesConnector : IMarketplaceConnector, IAsyncDisposable
{
    private readonly ShopConnection _shop;
    private readonly WildberriesApi _api;
    private readonly WildberriesCatalog _catalog;
    private readonly AppliedLedger _ledger;
    private readonly PriceUpdater _prices;
    private readonly PromotionUpdater _promotions;
    private readonly AdvertUpdater _adverts;
    private readonly ILogger _logger;

    internal WildberriesConnector(ShopConnection shop, WildberriesSettings settings, HttpClient http, WildberriesRateLimits limits, TimeProvider time, ILogger logger)
    {
        _shop = shop;
        _logger = logger;
        _api = new WildberriesApi(http, settings.Token, limits, settings.RequestTimeout, time, logger, shop.ShopId);
        var reader = new WildberriesReader(_api, settings);
        var poller = new UploadPoller(_api, settings, time);
        _catalog = new WildberriesCatalog(reader, shop, settings, time);
        _ledger = new AppliedLedger(shop.StateDirectory);
        _prices = new PriceUpdater(_api, reader, poller, settings);
        _promotions = new PromotionUpdater(_api, _catalog, poller, settings, time);
        _adverts = new AdvertUpdater(_api, reader, _catalog, settings);
    }

    /// <inheritdoc />
    public string Marketplace => Marketplaces.Wildberries;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities => WildberriesCapabilities.Value;

    /// <inheritdoc />
    /// <remarks>Cursors walk WB's card list; the last page of a sweep returns a <see langword="null"/> cursor, so the next sync refreshes every card.</remarks>
    public async Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var call = MarketplaceRetryAfter.BeginCall();
        return await _catalog.ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        cancellationToken.ThrowIfCancellationRequested();
        using var call = MarketplaceRetryAfter.BeginCall();

        var answered = new List<ActionResult>();
        var refused = new List<ActionResult>();
        var pending = new List<PendingAction>();
        foreach (var request in actions)
        {
            if (_ledger.TryGet(request.IdempotencyKey, out var earlier))
            {
                answered.Add(earlier);
            }
            else if (!Capabilities.Supports(request.Action.Kind))
            {
                refused.Add(new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected,
                    Capabilities.UnsupportedReasons.GetValueOrDefault(request.Action.Kind) ?? $"The Wildberries connector does not apply {request.Action.Kind} actions."));
            }
            else if (!long.TryParse(request.Sku.Sku, NumberStyles.None, CultureInfo.InvariantCulture, out var nmId) || nmId <= 0)
            {
                refused.Add(new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected, $"'{request.Sku.Sku}' is not a Wildberries article (nmID)."));
            }
            else
            {
                pending.Add(new PendingAction(request, nmId));
            }
        }

        var fresh = new List<ActionResult>();
        try
        {
            fresh.AddRange(await GroupAsync(pending, a => a is SetPrice, _prices.ApplyAsync, cancellationToken).ConfigureAwait(false));
            fresh.AddRange(await GroupAsync(pending, a => a is AddToPromo, _promotions.ApplyAsync, cancellationToken).ConfigureAwait(false));
            fresh.AddRange(await GroupAsync(pending, a => a is PauseAds or ResumeAds or SetBid, _adverts.ApplyAsync, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            // What WB already did is recorded even when a later group ends the call (refused token, cancellation).
            _ledger.Record([.. refused, .. fresh]);
        }

        foreach (var result in fresh.Where(r => r.Status != ActionResultStatus.Applied))
        {
            LogNotApplied(_logger, _shop.ShopId, result.IdempotencyKey, result.Status, result.Reason);
        }

        return [.. answered, .. refused, .. fresh];
    }

    private async Task<IReadOnlyList<ActionResult>> GroupAsync(
        List<PendingAction> pending, Func<RuleAction, bool> belongs, Func<IReadOnlyList<PendingAction>, CancellationToken, Task<List<ActionResult>>> apply, CancellationToken cancellationToken)
    {
        var group = pending.Where(p => belongs(p.Request.Action)).ToList();
        if (group.Count == 0)
        {
            return [];
        }

        try
        {
            return await apply(group, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WildberriesApiException and not WildberriesAuthorizationException or MarketplaceRateLimitedException)
        {
            // One group's failure leaves the others' answers standing; its actions are retried by the outbox, after the
            // wait WB asked for when it asked for one.
            LogGroupFailed(_logger, _shop.ShopId, group.Count, ex.Message);
            var wait = ex is MarketplaceRateLimitedException limited ? limited.RetryAfter : (TimeSpan?)null;
            return [.. group.Select(p => p.Retryable(ex.Message, wait))];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _ledger.Dispose();
        await _api.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wildberries shop {Shop}: action {ActionId} was {Status}: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string shop, string actionId, ActionResultStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wildberries shop {Shop}: {Count} action(s) failed and stay retryable: {Reason}")]
    private static partial void LogGroupFailed(ILogger logger, string shop, int count, string reason);
}
